package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
	"github.com/coverkit/coverkit/preflight"
	"github.com/coverkit/coverkit/web"
)

// chromiumFlags are the launch flags that work in CI containers: no sandbox
// (root), no GPU, and nothing that reaches the network on its own.
func chromiumAllocator(t *testing.T) (context.Context, context.CancelFunc) {
	t.Helper()
	path := os.Getenv("COVERKIT_CHROMIUM")
	if path == "" {
		for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if p, err := exec.LookPath(name); err == nil {
				path = p
				break
			}
		}
	}
	if path == "" {
		t.Skip("chromium not installed (Debian: apt-get install chromium): the browser end-to-end test is skipped")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1000),
	}
	return chromedp.NewExecAllocator(context.Background(), opts...)
}

// blankCover is a one-page PDF of w x h inches with nothing on it: a cover
// whose only property is its size.
func blankCover(t *testing.T, name string, w, h float64) string {
	t.Helper()
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "in", Size: fpdf.SizeType{Wd: w, Ht: h}})
	fixed := time.Date(2026, 8, 26, 12, 0, 0, 0, time.UTC)
	pdf.SetCreationDate(fixed)
	pdf.SetModificationDate(fixed)
	pdf.AddPage()
	path := filepath.Join(t.TempDir(), name)
	if err := pdf.OutputFileAndClose(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func step(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string, opts ...chromedp.EvaluateOption) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, opts...))
	if err != nil {
		t.Fatalf("evaluate %.80s: %v", js, err)
	}
	return v
}

func poll(t *testing.T, ctx context.Context, js string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		t.Fatalf("waiting for %.80s: %v", js, err)
	}
}

// choose selects value in a <select> as a user would (a change event follows).
func choose(sel, value string) string {
	return fmt.Sprintf(`(() => { const e = document.querySelector(%q); e.value = %q; e.dispatchEvent(new Event('change', {bubbles: true})); return e.value === %q; })()`, sel, value, value)
}

// checkBox clicks a checkbox into the wanted state.
func checkBox(sel string, on bool) string {
	return fmt.Sprintf(`(() => { const e = document.querySelector(%q); if (e.checked !== %v) e.click(); return e.checked; })()`, sel, on)
}

// TestServeInChromium drives the page in headless Chromium as an author
// would: choose the book, read the table, see the previews, download a
// template, check a right and a wrong cover.
func TestServeInChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	actx, cancelA := chromiumAllocator(t)
	defer cancelA()

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := web.New(web.Options{Addr: ln.Addr().String(), Version: version, Log: io.Discard, TempDir: t.TempDir()})
	sctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- web.Serve(sctx, ln, srv, io.Discard) }()
	defer func() { stop(); <-served }()
	base := "http://" + ln.Addr().String() + "/"

	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	defer cancelT()

	// What the CLI says for the same book.
	var out, errb bytes.Buffer
	if code := run(strings.Fields("spine -p kdp,ingramspark --paper cream -t 6x9 -n 300 --json"), nil, &out, &errb); code != 0 {
		t.Fatalf("spine: exit %d %s", code, &errb)
	}
	var cli []struct {
		Printer string      `json:"printer"`
		Pages   json.Number `json:"pages"`
		Spine   json.Number `json:"spine"`
		Cover   struct {
			Width  json.Number `json:"width"`
			Height json.Number `json:"height"`
		} `json:"cover"`
		Confidence string `json:"confidence"`
	}
	if err := json.Unmarshal(out.Bytes(), &cli); err != nil {
		t.Fatal(err)
	}

	// Choose the book as an author would.
	step(t, ctx, "load the page", chromedp.Navigate(base), chromedp.WaitVisible(chromedp.CSS(`body[data-ready=true]`)))
	for _, js := range []string{
		checkBox(`#printers input[value=kdp]`, true),
		checkBox(`#printers input[value=ingramspark]`, true),
		checkBox(`#printers input[value=lulu]`, false),
		choose(`#binding`, "paperback"),
		choose(`#paper`, "cream"),
		choose(`#trim`, "6x9"),
	} {
		eval[bool](t, ctx, js)
	}
	step(t, ctx, "type the pages", chromedp.Evaluate[chromedp.Void](`document.querySelector("#pages").value = ""`), chromedp.SendKeys(chromedp.CSS(`#pages`), "300"))
	poll(t, ctx, `document.querySelector('#spine-caption').textContent.includes('cream paper, 300 pages') &&
		document.querySelectorAll('#spine-table tbody tr[data-printer]').length === 2`)
	table := eval[map[string]map[string]string](t, ctx, `Object.fromEntries([...document.querySelectorAll('#spine-table tbody tr[data-printer]')].map(tr =>
		[tr.dataset.printer, Object.fromEntries([...tr.querySelectorAll('[data-v]')].map(s => [s.dataset.v, s.textContent]))]))`)
	for _, r := range cli {
		row := table[r.Printer]
		want := map[string]string{"pages": r.Pages.String(), "spine": r.Spine.String(), "cover-width": r.Cover.Width.String(), "cover-height": r.Cover.Height.String()}
		for k, v := range want {
			if row[k] != v {
				t.Errorf("%s %s: page shows %q, spine --json says %q", r.Printer, k, row[k], v)
			}
		}
		if !strings.HasPrefix(row["confidence"], r.Confidence) {
			t.Errorf("%s confidence: page %q, CLI %q", r.Printer, row["confidence"], r.Confidence)
		}
	}
	if len(table) != len(cli) {
		t.Errorf("page rows %v, CLI printers %d", table, len(cli))
	}
	t.Logf("table: %v", table)

	// The URL holds the page state.
	loc := eval[string](t, ctx, `location.search`)
	for _, part := range []string{"paper=cream", "trim=6x9", "pages=300", "ingramspark", "kdp"} {
		if !strings.Contains(loc, part) {
			t.Errorf("URL %q lacks %q", loc, part)
		}
	}

	// The previews are drawn, and a PDF template downloads with the sheet as its page.
	poll(t, ctx, `[...document.querySelectorAll('#previews img')].filter(i => i.complete && i.naturalWidth > 0).length === 2`)
	downloads := t.TempDir()
	step(t, ctx, "download the KDP PDF template",
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads})
			return err
		}),
		chromedp.Click(chromedp.CSS(`#previews figure[data-printer=kdp] a[data-format=pdf]`)),
	)
	pdfPath := filepath.Join(downloads, "kdp_paperback_6x9_300pp_cream.pdf")
	var pdfBytes []byte
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if b, err := os.ReadFile(pdfPath); err == nil && bytes.HasSuffix(bytes.TrimSpace(b), []byte("%%EOF")) {
			pdfBytes = b
			break
		}
	}
	if pdfBytes == nil {
		ents, _ := os.ReadDir(downloads)
		t.Fatalf("no %s downloaded (folder holds %v)", filepath.Base(pdfPath), ents)
	}
	facts, err := preflight.Read(context.Background(), bytes.NewReader(pdfBytes), preflight.Options{SkipContent: true})
	if err != nil {
		t.Fatalf("downloaded template: %v", err)
	}
	if got := facts.Pages[0].MediaBox; fmt.Sprintf("%.4f x %.4f", got.W()/72, got.H()/72) != "13.0000 x 9.2500" {
		t.Errorf("downloaded KDP template page is %.4f x %.4f in, want 13 x 9.25", got.W()/72, got.H()/72)
	}

	// Check my cover: the right size passes for KDP, a 266-page cover fails with the fix.
	right := blankCover(t, "right.pdf", 13, 9.25)
	wrong := blankCover(t, "wrong.pdf", 12.9256, 9.25)
	for _, tt := range []struct {
		file, status, fix string
	}{
		{right, "PASS", ""},
		{wrong, "FAIL", "this size fits Amazon KDP cream"},
	} {
		step(t, ctx, "check "+filepath.Base(tt.file),
			chromedp.Click(chromedp.CSS(`#tab-check`)),
			chromedp.WaitVisible(chromedp.CSS(`#cover`)),
			chromedp.SetUploadFiles(chromedp.CSS(`#cover`), []string{tt.file}),
			chromedp.Evaluate[chromedp.Void](`document.querySelector('#check-result').replaceChildren()`),
			chromedp.Click(chromedp.CSS(`#check-button`)),
			chromedp.WaitVisible(chromedp.CSS(`#check-result section[data-printer=kdp] h3 .status`)),
			chromedp.WaitVisible(chromedp.CSS(`#proof h3`)),
		)
		// The proof: a picture where the server has pdftoppm, else the PDF.
		poll(t, ctx, `(() => { const i = document.querySelector('#proof img'); return i ? i.complete && i.naturalWidth > 600 : !!document.querySelector('#proof object'); })()`)
		status := eval[string](t, ctx, `document.querySelector('#check-result section[data-printer=kdp] h3 .status').textContent`)
		fix := eval[string](t, ctx, `(document.querySelector('#check-result section[data-printer=kdp] .fix') || {textContent: ''}).textContent`)
		if status != tt.status || !strings.Contains(fix, tt.fix) {
			t.Errorf("check %s: KDP %q, fix %q; want %q with %q", filepath.Base(tt.file), status, fix, tt.status, tt.fix)
		}
		t.Logf("check %s: KDP %s %s", filepath.Base(tt.file), status, fix)
	}

	// Cover: upload front and back art, get a print-ready cover per printer, download KDP's.
	art, _ := filepath.Abs(filepath.Join("..", "..", "fixtures", "art"))
	step(t, ctx, "make covers",
		chromedp.Click(chromedp.CSS(`#tab-cover`)),
		chromedp.WaitVisible(chromedp.CSS(`#front`)),
		chromedp.SetUploadFiles(chromedp.CSS(`#front`), []string{filepath.Join(art, "front.jpg")}),
		chromedp.SetUploadFiles(chromedp.CSS(`#back`), []string{filepath.Join(art, "back.jpg")}),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#spine_color').value = '#1d3557'; document.querySelector('#title').value = 'The Long Watch'`),
		chromedp.Click(chromedp.CSS(`#cover-button`)),
	)
	poll(t, ctx, `document.querySelectorAll('#cover-result figure object').length === 2`)
	coverB64 := eval[string](t, ctx, `(async () => {
		const a = document.querySelector('#cover-result figure[data-printer=kdp] a.button');
		const b = new Uint8Array(await (await fetch(a.href)).arrayBuffer());
		let s = ''; for (const c of b) s += String.fromCharCode(c);
		return a.download + ' ' + btoa(s);
	})()`, chromedp.EvalAwaitPromise)
	name, data, _ := strings.Cut(coverB64, " ")
	coverBytes, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		t.Fatal(err)
	}
	facts, err = preflight.Read(context.Background(), bytes.NewReader(coverBytes), preflight.Options{SkipContent: true})
	if err != nil {
		t.Fatalf("downloaded cover: %v", err)
	}
	if got := facts.Pages[0].MediaBox; name != "kdp_paperback_6x9_300pp_cream_cover.pdf" || fmt.Sprintf("%.4f x %.4f", got.W()/72, got.H()/72) != "13.0000 x 9.2500" {
		t.Errorf("downloaded cover %s is %.4f x %.4f in, want kdp_paperback_6x9_300pp_cream_cover.pdf, 13 x 9.25", name, got.W()/72, got.H()/72)
	}

	// A bad page count is shown next to its field with the CLI's message.
	step(t, ctx, "type a bad page count",
		chromedp.Click(chromedp.CSS(`#tab-size`)),
		chromedp.Evaluate[chromedp.Void](`document.querySelector("#pages").value = ""`),
		chromedp.SendKeys(chromedp.CSS(`#pages`), "30x"),
		chromedp.WaitVisible(chromedp.CSS(`#err-pages`)),
	)
	if got, want := eval[string](t, ctx, `document.querySelector('#err-pages').textContent`), `--pages: "30x" is not a whole number of pages`; got != want {
		t.Errorf("pages error %q, want %q", got, want)
	}

	// Dropping the interior PDF fills in pages and trim (and clears the error).
	interior, _ := filepath.Abs(filepath.Join("..", "..", "fixtures", "preflight", "interior-6x9-300-bleed.pdf"))
	step(t, ctx, "choose the interior", chromedp.SetUploadFiles(chromedp.CSS(`#interior`), []string{interior}))
	poll(t, ctx, `document.querySelector('#pages').value === '300' && document.querySelector('#trim').value === '6x9' &&
		document.querySelector('#interior-note').textContent.includes('300 pages') && document.querySelector('#err-pages').hidden`)

	if shot := os.Getenv("COVERKIT_SCREENSHOT"); shot != "" {
		step(t, ctx, "screenshot", chromedp.Navigate(base+"?p=kdp,ingramspark&paper=cream&trim=6x9&pages=300"),
			chromedp.WaitVisible(chromedp.CSS(`body[data-ready=true]`)))
		poll(t, ctx, `[...document.querySelectorAll('#previews img')].filter(i => i.complete && i.naturalWidth > 0).length === 2`)
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(shot, png, 0o644)
	}
}
