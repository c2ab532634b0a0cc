package main

import (
	"bytes"

	"github.com/coverkit/coverkit/earnings"
	"strings"
	"testing"
)

// parseEarnings runs the earnings command line up to its parsed request.
func parseEarnings(t testing.TB, args ...string) (*earningsRun, error) {
	t.Helper()
	var got *earningsRun
	var perr error
	e := &env{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}}
	c := newEarningsCmd(e, func(o *earningsOptions) error {
		got, perr = o.parse()
		return nil
	})
	c.SetArgs(args)
	c.SetOut(&bytes.Buffer{})
	c.SetErr(&bytes.Buffer{})
	if err := c.Execute(); err != nil {
		return nil, err
	}
	return got, perr
}

// Command line to request: the forms of --list and --ingram-print-cost, the
// discount per market, returns and the date.
func TestEarningsFlags(t *testing.T) {
	base := []string{"--trim", "6x9", "--pages", "300"}
	for _, tc := range []struct {
		args                          []string
		lists, costs, discount, other string
	}{
		{args: []string{"--list", "14.99", "USD"}, lists: "14.99 USD"},
		{args: []string{"--list", "14.99", "USD", "--list", "11.99", "gbp"}, lists: "14.99 USD, 11.99 GBP"},
		{args: []string{"--list", "14.99 USD", "--list", "GBP11.99", "--list", "1200JPY"}, lists: "14.99 USD, 11.99 GBP, 1200 JPY"},
		{args: []string{"--list", "14.99", "--json", "USD"}, lists: "14.99 USD"},
		{args: []string{"--list", "USD", "14.99", "--list", "9.99", "GBP"}, lists: "14.99 USD, 9.99 GBP"},
		{args: []string{"--list", "14.99", "USD", "--ingram-print-cost", "4.10", "USD"}, lists: "14.99 USD", costs: "USD=4.1"},
		{args: []string{"--list", "14.99", "USD", "--ingram-discount", "40", "--ingram-discount", "uk=35%"}, lists: "14.99 USD", discount: "=40 uk=35"},
		{args: []string{"--list", "14.99", "USD", "--returns", "Yes-Deliver", "--date", "2025-06-10", "--ex-vat"}, lists: "14.99 USD", other: "deliver 2025-06-10 true"},
	} {
		r, err := parseEarnings(t, append(base, tc.args...)...)
		if err != nil {
			t.Fatalf("%v: %v", tc.args, err)
		}
		var lists, costs, disc []string
		for _, p := range r.req.Lists {
			lists = append(lists, p.String())
		}
		for _, cur := range []string{"USD", "GBP", "EUR"} {
			if c, ok := r.req.PrintCost[earnings.CostKey{Printer: "ingramspark", Currency: cur}]; ok {
				costs = append(costs, cur+"="+c.String())
			}
		}
		for _, m := range []string{"", "uk", "us"} {
			if d, ok := r.req.Discount[earnings.MarketKey{Printer: "ingramspark", Market: m}]; ok {
				disc = append(disc, m+"="+d.String())
			}
		}
		got := strings.Join(lists, ", ") + "|" + strings.Join(costs, " ") + "|" + strings.Join(disc, " ")
		want := tc.lists + "|" + tc.costs + "|" + tc.discount
		if got != want {
			t.Errorf("%v: got %s, want %s", tc.args, got, want)
		}
		if tc.other != "" {
			if o := r.req.Returns + " " + r.req.Date + " " + map[bool]string{true: "true", false: "false"}[r.req.ExVAT]; o != tc.other {
				t.Errorf("%v: got %s, want %s", tc.args, o, tc.other)
			}
		}
	}
}

// FuzzEarningsArgs: no command line makes earnings parsing panic.
func FuzzEarningsArgs(f *testing.F) {
	for _, s := range []string{"--list 14.99 USD", "--list 14.99", "--list USD", "--list 1.2.3 EUR GBP", "--ingram-discount uk=", "--ingram-print-cost 4 USD --list 9 JPY", "--list 99999999999999999999 USD"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		args := append([]string{"--trim", "6x9", "--pages", "300"}, strings.Fields(line)...)
		r, err := parseEarnings(t, args...)
		if err == nil && len(r.req.Lists) == 0 {
			t.Fatalf("%q parsed without a list price", line)
		}
	})
}
