package main

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/coverkit/coverkit/earnings"
	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/spine"
	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

type earningsOptions struct {
	env        *env
	spec       specFlags
	lists      moneyFlag // --list AMOUNT CUR
	printCosts moneyFlag // --ingram-print-cost AMOUNT CUR
	discounts  []string  // --ingram-discount PCT or MARKET=PCT
	returns    string
	exVAT      bool
	date       string
	json       bool
	args       []string // positional arguments: the currencies after --list and --ingram-print-cost
}

// newEarningsCmd builds the earnings command; runF, when not nil, replaces
// runEarnings (tests use it to see the parsed options).
func newEarningsCmd(e *env, runF func(*earningsOptions) error) *cobra.Command {
	o := &earningsOptions{env: e}
	c := &cobra.Command{
		Use:   "earnings --trim WxH --pages N --list AMOUNT CUR [--list AMOUNT CUR ...] [-p kdp,ingramspark]",
		Short: "What one copy earns on each printer and channel, side by side",
		Long: `Prints, for one book and one list price per currency, what a copy earns on each
printer and sales channel in each market of that currency: KDP's royalty through
Amazon and through Expanded Distribution, IngramSpark's publisher compensation
through bookshops. For each: the printing cost, the royalty rate or wholesale
discount, the earnings per copy and the minimum list price, with the confidence
of the figures behind them. UNCONFIRMED figures are marked * and listed under
ESTIMATE; --strict refuses them.

KDP: royalty = rate x list price - printing cost. Since 10 Jun 2025 the Amazon
rate is 50 % below a threshold (9.99 USD/EUR, 7.99 GBP, ...) and 60 % at or
above it; Expanded Distribution pays 40 % (paperback only). UK and EU
marketplaces pay on the price without VAT: --list is what the shopper pays,
VAT included, unless --ex-vat. --date picks the rules in force on a day.

IngramSpark: compensation = list price - wholesale discount - print cost.
IngramSpark publishes no print-cost formula: give the cost from its own
calculator with --ingram-print-cost; without it the earnings are shown before
the print cost. Discounts outside a market's allowed range are refused.

Prices and costs come from the catalogue, each with its source URL (see
'Earnings' in README.md); a profile given with --catalog can carry its own under pricing:.
With --json the same report is printed as data; amounts are JSON numbers.` + exitStatusHelp,
		Example: `  coverkit earnings --trim 6x9 --pages 300 --paper cream --list 14.99 USD
  coverkit earnings --trim 6x9 --pages 300 --list 14.99 USD --list 11.99 GBP --ingram-discount 40 --ingram-print-cost 4.10 USD
  coverkit earnings -p kdp --binding hardcover --trim 6x9 --pages 300 --list 24.99 USD --json`,
		Args: cobra.ArbitraryArgs,
		RunE: func(c *cobra.Command, args []string) error {
			o.args = args
			if runF != nil {
				return runF(o)
			}
			return runEarnings(o)
		},
	}
	o.spec.register(c)
	fl := c.Flags()
	for _, name := range []string{"spine", "direction"} {
		_ = fl.MarkHidden(name) // geometry-only flags of the shared book description
	}
	fl.Lookup("strict").Usage = "refuse earnings that use an UNCONFIRMED (estimated) value"
	o.lists.flags, o.printCosts.flags = fl, fl
	fl.Var(&o.lists, "list", "list price and currency, e.g. --list 14.99 USD; repeatable, one per currency")
	fl.Var(&o.printCosts, "ingram-print-cost", "IngramSpark's print cost per copy from its own calculator, e.g. 4.10 USD; repeatable, one per currency")
	fl.StringArrayVar(&o.discounts, "ingram-discount", nil, "IngramSpark wholesale discount in percent for every market (40), or for one (uk=35); repeatable (default: the recommended 55)")
	fl.StringVar(&o.returns, "returns", "no", "IngramSpark returns setting: no, deliver (US and CA only) or destroy")
	fl.BoolVar(&o.exVAT, "ex-vat", false, "list prices exclude VAT (default: UK/EU list prices are what the shopper pays, VAT included)")
	fl.StringVar(&o.date, "date", "", "use the royalty rules in force on this day, YYYY-MM-DD (default: the newest in the catalogue)")
	fl.BoolVar(&o.json, "json", false, "print the report as JSON")
	return c
}

// moneyFlag collects "AMOUNT CUR" values. A value without a currency takes
// the next positional argument, so that "--list 14.99 USD" works as written;
// "14.99USD", "USD 14.99" and "14.99 USD" (quoted) are accepted too.
type moneyFlag struct {
	flags  *pflag.FlagSet
	values []moneyArg
}

type moneyArg struct {
	raw    string
	amount string
	cur    string
	argPos int // positional arguments seen before this flag
}

func (m *moneyFlag) String() string {
	parts := make([]string, len(m.values))
	for i, v := range m.values {
		parts[i] = strings.TrimSpace(v.amount + " " + v.cur)
	}
	return strings.Join(parts, ", ")
}

func (m *moneyFlag) Type() string { return "AMOUNT CUR" }

var moneyRE = regexp.MustCompile(`^\s*(?:([A-Za-z]{3})\s*([0-9.]+)|([0-9.]+)\s*([A-Za-z]{3})?)\s*$`)

func (m *moneyFlag) Set(s string) error {
	a := moneyArg{raw: s}
	if m.flags != nil {
		a.argPos = len(m.flags.Args())
	}
	g := moneyRE.FindStringSubmatch(s)
	switch {
	case g == nil:
		a.amount = s // reported with the amount rules by parseMoneyArgs
	case g[1] != "":
		a.cur, a.amount = g[1], g[2]
	default:
		a.amount, a.cur = g[3], g[4]
	}
	m.values = append(m.values, a)
	return nil
}

// earningsRun is a parsed earnings command.
type earningsRun struct {
	spec *bookSpec
	req  earnings.Request
}

// parse validates the options. Malformed input is a usage error (exit 2).
func (o *earningsOptions) parse() (*earningsRun, error) {
	spec, err := o.spec.parse()
	if err != nil {
		return nil, err
	}
	if err := o.spec.needTrimAndPages(); err != nil {
		return nil, err
	}
	r := &earningsRun{spec: spec, req: earnings.Request{ExVAT: o.exVAT}}
	used := map[int]bool{}
	if len(o.lists.values) == 0 {
		return nil, usageErr("--list is required (the list price and its currency, e.g. --list 14.99 USD)")
	}
	if err := o.parseLists(r, used); err != nil {
		return nil, err
	}
	if err := o.parsePrintCosts(r, used); err != nil {
		return nil, err
	}
	for i, a := range o.args {
		if !used[i] {
			return nil, usageErr("unexpected argument %q (a currency follows an amount: --list 14.99 USD)", a)
		}
	}
	if err := o.parseDiscounts(r, spec.catalog); err != nil {
		return nil, err
	}
	switch rt := strings.ToLower(strings.TrimSpace(o.returns)); rt {
	case paper.ReturnsNo, paper.ReturnsDeliver, paper.ReturnsDestroy:
		r.req.Returns = rt
	case "yes-deliver", "yes-destroy":
		r.req.Returns = strings.TrimPrefix(rt, "yes-")
	default:
		return nil, usageErr("--returns: unknown setting %q (want no, deliver or destroy)", o.returns)
	}
	if o.date != "" {
		if _, err := time.Parse("2006-01-02", o.date); err != nil {
			return nil, usageErr("--date: %q is not a date (want YYYY-MM-DD, e.g. 2025-06-10)", o.date)
		}
		r.req.Date = o.date
	}
	return r, nil
}

// parseLists reads the --list prices, one per currency.
func (o *earningsOptions) parseLists(r *earningsRun, used map[int]bool) error {
	for k := range o.lists.values {
		a := &o.lists.values[k]
		cur, err := o.currencyFor("--list", a, used)
		if err != nil {
			return err
		}
		p, err := earnings.ParsePrice(a.amount, cur)
		if err != nil {
			return usageErr("--list %s %s: %v", a.amount, cur, trimBadInput(err))
		}
		for _, q := range r.req.Lists {
			if q.Currency == p.Currency {
				return usageErr("--list: two list prices in %s (%s and %s); give one per currency", p.Currency, q, p)
			}
		}
		r.req.Lists = append(r.req.Lists, p)
	}
	return nil
}

// parsePrintCosts reads --ingram-print-cost, one per currency of a --list price.
func (o *earningsOptions) parsePrintCosts(r *earningsRun, used map[int]bool) error {
	for k := range o.printCosts.values {
		a := &o.printCosts.values[k]
		cur, err := o.currencyFor("--ingram-print-cost", a, used)
		if err != nil {
			return err
		}
		p, err := earnings.ParseMoney(a.amount, cur)
		if err != nil {
			return usageErr("--ingram-print-cost %s %s: %v", a.amount, cur, trimBadInput(err))
		}
		if r.req.PrintCost == nil {
			r.req.PrintCost = map[earnings.CostKey]decimal.Decimal{}
		}
		if !hasCurrency(r.req.Lists, p.Currency) {
			return usageErr("--ingram-print-cost %s: no --list price in %s to apply it to", p, p.Currency)
		}
		k := earnings.CostKey{Printer: "ingramspark", Currency: p.Currency}
		if _, dup := r.req.PrintCost[k]; dup {
			return usageErr("--ingram-print-cost: two print costs in %s; give one per currency", p.Currency)
		}
		r.req.PrintCost[k] = p.Amount
	}
	return nil
}

// parseDiscounts reads --ingram-discount: one for every market, or per market.
func (o *earningsOptions) parseDiscounts(r *earningsRun, cat *paper.Catalog) error {
	for _, v := range o.discounts {
		market, pctText, named := strings.Cut(v, "=")
		if !named {
			market, pctText = "", v
		}
		market = strings.ToLower(strings.TrimSpace(market))
		d, err := earnings.ParsePercent(pctText)
		if err != nil {
			return usageErr("--ingram-discount %s: %v", v, trimBadInput(err))
		}
		if !d.LessThan(decimal.NewFromInt(100)) {
			return usageErr("--ingram-discount %s: a 100 %% discount leaves nothing to pay from", v)
		}
		if ms := ingramMarkets(cat); named && !containsFold(ms, market) {
			return usageErr("--ingram-discount %s: unknown market %q (IngramSpark's are %s)", v, market, strings.Join(ms, ", "))
		}
		if r.req.Discount == nil {
			r.req.Discount = map[earnings.MarketKey]decimal.Decimal{}
		}
		k := earnings.MarketKey{Printer: "ingramspark", Market: market}
		if _, dup := r.req.Discount[k]; dup {
			return usageErr("--ingram-discount: two discounts for %s", orAll(market))
		}
		r.req.Discount[k] = d
	}
	return nil
}

// currencyFor returns a money flag's currency: its own, or the positional
// argument that followed it.
// "--list USD 14.99" (currency first, amount as the argument) works too.
func (o *earningsOptions) currencyFor(flag string, a *moneyArg, used map[int]bool) (string, error) {
	if a.cur != "" {
		return a.cur, nil
	}
	for i := a.argPos; i < len(o.args); i++ {
		if !used[i] {
			used[i] = true
			if currencyCode.MatchString(a.amount) && !currencyCode.MatchString(o.args[i]) {
				a.amount = o.args[i]
				return a.raw, nil
			}
			return o.args[i], nil
		}
	}
	return "", usageErr("%s %s: no currency (write it after the amount: %s %s USD)", flag, a.raw, flag, a.raw)
}

var currencyCode = regexp.MustCompile(`^[A-Za-z]{3}$`)

func hasCurrency(lists []earnings.Price, cur string) bool {
	for _, l := range lists {
		if l.Currency == cur {
			return true
		}
	}
	return false
}

func orAll(market string) string {
	if market == "" {
		return "every market"
	}
	return market
}

func trimBadInput(err error) string {
	return strings.TrimPrefix(err.Error(), earnings.ErrBadInput.Error()+": ")
}

// ingramMarkets lists IngramSpark's wholesale markets in the catalogue.
func ingramMarkets(cat *paper.Catalog) []string {
	var out []string
	if p := cat.Printer("ingramspark"); p != nil && p.Pricing != nil {
		for _, ch := range p.Pricing.Channels {
			if ch.Kind == paper.ChannelWholesale {
				out = append(out, ch.Markets...)
			}
		}
	}
	return out
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

func runEarnings(o *earningsOptions) error {
	e := o.env
	r, err := o.parse()
	if err != nil {
		return err
	}
	if err := r.spec.applyInterior(e.stderr); err != nil {
		return err
	}
	var inputs []earnings.Input
	var skipped, refused []string // default printers left out; named printers that cannot price the book
	for _, p := range r.spec.printers {
		var why string
		if p.Pricing == nil {
			why = fmt.Sprintf("%s: the catalogue has no pricing for %s (the built-in catalogue prices KDP and IngramSpark; a profile can add a pricing: section, see docs/printer-profiles.md)", p.ID, p.Name)
		} else if l, err := spine.Compute(p, r.spec.req); err != nil {
			why = err.Error()
		} else {
			inputs = append(inputs, earnings.Input{Layout: l, Pricing: p.Pricing})
			continue
		}
		if r.spec.explicit {
			refused = append(refused, why)
		} else {
			skipped = append(skipped, why)
		}
	}
	if len(inputs) == 0 {
		return failErr(fmt.Errorf("no printer with pricing offers this book:\n  %s", strings.Join(append(refused, skipped...), "\n  ")))
	}
	rep, err := earnings.Compute(inputs, r.req)
	if err != nil {
		switch {
		case errors.Is(err, earnings.ErrRefused):
			return failErr(err, earningsHint(err))
		case errors.Is(err, earnings.ErrBadInput):
			return usageErr("%v", trimBadInput(err))
		}
		return err
	}
	if r.spec.req.Strict && rep.Estimate {
		return failErr(fmt.Errorf("--strict: the earnings use UNCONFIRMED values: %s", strings.Join(rep.Warnings, "; ")),
			"drop --strict to see them as estimates, or give a profile with confirmed values (--catalog)")
	}
	if o.json {
		b, err := rep.JSON()
		if err != nil {
			return err
		}
		if _, err := e.stdout.Write(b); err != nil {
			return err
		}
	} else {
		writeEarnings(e.stdout, rep, skipped)
	}
	if len(refused) > 0 {
		return failErr(errors.New(strings.Join(refused, "\ncoverkit: error: ")))
	}
	return nil
}

func earningsHint(err error) string {
	var ee *earnings.Error
	if errors.As(err, &ee) && ee.Field == "discount" {
		return "choose --ingram-discount within the range, or give a profile with your own range (--catalog)"
	}
	return "choose --returns no or destroy for this market"
}
