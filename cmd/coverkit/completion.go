package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/render"
	"github.com/spf13/cobra"
)

type completionOptions struct {
	env   *env
	shell string
	root  *cobra.Command
}

var completionShells = []string{"bash", "zsh", "fish", "powershell"}

// newCompletionCmd builds the completion command; runF, when not nil,
// replaces runCompletion.
func newCompletionCmd(e *env, runF func(*completionOptions) error) *cobra.Command {
	o := &completionOptions{env: e}
	c := &cobra.Command{
		Use:   "completion bash|zsh|fish|powershell",
		Short: "Print a shell completion script",
		Long: `Prints the script that makes your shell complete coverkit's commands and
flags, including the values of --printer, --binding, --paper, --trim and
--format, taken from the printer catalogue (the built-in one: profiles given
with --catalog are not read while completing). With --printer and --binding
already on the line, --paper and --trim offer only what those printers have.

  bash:        source <(coverkit completion bash)
               (or save it in /etc/bash_completion.d/coverkit; needs bash-completion)
  zsh:         coverkit completion zsh > "${fpath[1]}/_coverkit"
  fish:        coverkit completion fish > ~/.config/fish/completions/coverkit.fish
  powershell:  coverkit completion powershell | Out-String | Invoke-Expression` + exitStatusHelp,
		Args:      cobra.ExactArgs(1),
		ValidArgs: completionShells,
		RunE: func(c *cobra.Command, args []string) error {
			o.shell, o.root = args[0], c.Root()
			if runF != nil {
				return runF(o)
			}
			return runCompletion(o)
		},
	}
	c.SetFlagErrorFunc(flagError)
	return c
}

func runCompletion(o *completionOptions) error {
	w := o.env.stdout
	switch o.shell {
	case "bash":
		return o.root.GenBashCompletionV2(w, true)
	case "zsh":
		return o.root.GenZshCompletion(w)
	case "fish":
		return o.root.GenFishCompletion(w, true)
	case "powershell":
		return o.root.GenPowerShellCompletionWithDesc(w)
	}
	return usageErr("completion: unknown shell %q (want %s)", o.shell, strings.Join(completionShells, ", "))
}

// addFlagCompletions registers, on every command that has them, completion
// of the catalogue's values for --printer, --binding, --paper, --trim and
// --format.
func addFlagCompletions(root *cobra.Command) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for name, f := range map[string]cobra.CompletionFunc{
			"printer": completePrinters, "binding": completeBindings, "paper": completePapers,
			"trim": completeTrims, "format": completeFormats,
		} {
			if c.Flags().Lookup(name) != nil {
				_ = c.RegisterFlagCompletionFunc(name, f)
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

const noFiles = cobra.ShellCompDirectiveNoFileComp

// listPrefix handles comma-separated lists: the candidates complete the last
// item, after the ones already typed.
func listPrefix(toComplete string) (done, last string) {
	if i := strings.LastIndexByte(toComplete, ','); i >= 0 {
		return toComplete[:i+1], toComplete[i+1:]
	}
	return "", toComplete
}

func completePrinters(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	done, _ := listPrefix(toComplete)
	var out []cobra.Completion
	for _, p := range paper.Default().Printers {
		if !slices.Contains(strings.Split(done, ","), p.ID) {
			out = append(out, cobra.CompletionWithDesc(done+p.ID, p.Name))
		}
	}
	return out, noFiles | cobra.ShellCompDirectiveNoSpace
}

func completeBindings(_ *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	desc := map[paper.BindingKind]string{paper.Paperback: "perfect bound", paper.Hardcover: "case laminate", paper.Jacket: "dust jacket"}
	var out []cobra.Completion
	for _, b := range paper.BindingKinds {
		out = append(out, cobra.CompletionWithDesc(string(b), desc[b]))
	}
	return out, noFiles
}

// chosen is the printers and binding already on the command line, for
// narrowing --paper and --trim: every printer when --printer is not given.
func chosen(c *cobra.Command) ([]*paper.Printer, []paper.BindingKind) {
	cat := paper.Default()
	printers := cat.Printers
	if ids, err := c.Flags().GetStringSlice("printer"); err == nil && len(ids) > 0 {
		printers = nil
		for _, id := range splitList(ids) {
			if p := cat.Printer(id); p != nil {
				printers = append(printers, p)
			}
		}
	}
	kinds := paper.BindingKinds
	if f := c.Flags().Lookup("binding"); f != nil && f.Changed {
		if k, err := paper.ParseBinding(f.Value.String()); err == nil {
			kinds = []paper.BindingKind{k}
		}
	}
	return printers, kinds
}

// chosenBindings is each chosen printer's chosen bindings, in printer order.
func chosenBindings(c *cobra.Command) []*paper.Binding {
	printers, kinds := chosen(c)
	var out []*paper.Binding
	for _, p := range printers {
		for _, k := range kinds {
			if b := p.Binding(k); b != nil {
				out = append(out, b)
			}
		}
	}
	return out
}

func completePapers(c *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	seen := map[string]bool{}
	var out []cobra.Completion
	for _, b := range chosenBindings(c) {
		for _, s := range b.Stocks {
			if !seen[s.ID] {
				seen[s.ID] = true
				out = append(out, cobra.CompletionWithDesc(s.ID, s.Label))
			}
		}
	}
	return out, noFiles
}

func completeTrims(c *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	seen := map[string]bool{}
	var out []cobra.Completion
	for _, b := range chosenBindings(c) {
		for _, t := range b.Trims.Named {
			if !seen[t.Name] {
				seen[t.Name] = true
				out = append(out, cobra.CompletionWithDesc(t.Name, fmt.Sprintf("%s x %s %s", t.Width, t.Height, t.Unit)))
			}
		}
	}
	return out, noFiles
}

// completeFormats offers the formats of the command at hand.
func completeFormats(c *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	formats := render.FormatNames()
	dir := noFiles
	if c.Name() == "barcode" {
		formats = []string{"pdf", "eps", "svg", "png", "tiff"}
	} else {
		dir |= cobra.ShellCompDirectiveNoSpace // template takes a list
	}
	done, _ := listPrefix(toComplete)
	var out []cobra.Completion
	for _, f := range formats {
		if !slices.Contains(strings.Split(done, ","), f) {
			out = append(out, done+f)
		}
	}
	return out, dir
}
