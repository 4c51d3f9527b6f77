/// The page's stylesheet, inline so the page needs nothing else: a readable column, quiet
/// colours, code and outputs set apart without boxes fighting for attention.
enum Stylesheet {
    static let css = """
        :root {
          --text: #1f2328; --muted: #6b7280; --rule: #e5e7eb; --accent: #2f6fdf;
          --code-bg: #f6f8fa; --out-bg: transparent; --err: #b42318; --err-bg: #fef3f2; --ok: #1a7f37;
          --kw: #a626a4; --str: #50a14f; --num: #b76b01; --com: #8b949e; --con: #0184bc; --call: #4078f2;
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; background: #fcfcfd; color: var(--text);
          font: 17px/1.65 "Charter", "Bitstream Charter", "Source Serif Pro", Georgia, "DejaVu Serif", serif; }
        main { max-width: 52rem; margin: 0 auto; padding: 3rem 1.5rem 5rem; }
        h1, h2, h3, h4, h5, h6 { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif;
          line-height: 1.25; margin: 2.2rem 0 0.8rem; font-weight: 650; letter-spacing: -0.01em; }
        h1 { font-size: 2.1rem; margin-top: 0.5rem; }
        h2 { font-size: 1.5rem; padding-bottom: 0.3rem; border-bottom: 1px solid var(--rule); }
        h3 { font-size: 1.2rem; }
        p, ul, ol, blockquote, table { margin: 0 0 1.1rem; }
        ul, ol { padding-left: 1.6rem; }
        li { margin: 0.25rem 0; }
        a { color: var(--accent); text-decoration-thickness: 1px; text-underline-offset: 2px; }
        hr { border: 0; border-top: 1px solid var(--rule); margin: 2rem 0; }
        blockquote { margin-left: 0; padding: 0.2rem 1rem; border-left: 3px solid var(--rule); color: var(--muted); }
        img { max-width: 100%; height: auto; }
        code, pre { font-family: "JetBrains Mono", "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.86em; }
        pre code { font-size: inherit; }
        :not(pre) > code { background: var(--code-bg); padding: 0.12em 0.35em; border-radius: 4px; }
        pre { margin: 0; padding: 0.8rem 1rem; overflow-x: auto; line-height: 1.5; white-space: pre; }
        pre.prose-code { background: var(--code-bg); border-radius: 6px; margin-bottom: 1.1rem; }
        table { border-collapse: collapse; font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; font-size: 0.9rem; }
        th, td { padding: 0.35rem 0.75rem; border-bottom: 1px solid var(--rule); text-align: left; }
        th { font-weight: 600; border-bottom: 2px solid #d0d7de; }
        td { font-variant-numeric: tabular-nums; }
        .banner { font: 0.82rem/1.4 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: var(--muted);
          margin-bottom: 2rem; padding-bottom: 0.8rem; border-bottom: 1px solid var(--rule); }
        .banner .ok { color: var(--ok); } .banner .bad, .meta .bad { color: var(--err); }
        .cell { margin: 1.4rem 0 1.8rem; }
        .cell.skipped, .cell.not-done { opacity: 0.55; }
        .cell .meta { display: flex; justify-content: space-between; font: 0.75rem/1 system-ui, -apple-system, "DejaVu Sans", sans-serif;
          color: var(--muted); margin: 0 0 0.35rem 0.1rem; }
        .cell .label { font-weight: 600; color: var(--accent); }
        pre.code { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--code-bg); border: 1px solid #e1e4e8; border-left: 3px solid var(--accent); border-radius: 6px; }
        .cell.error pre.code, .cell.timeout pre.code { border-left-color: var(--err); }
        .output { margin-top: 0.5rem; padding-left: 0.9rem; border-left: 3px solid var(--rule); }
        .output pre.out { padding: 0.3rem 0; background: var(--out-bg); color: #24292f; }
        .output pre.err { padding: 0.7rem 0.9rem; margin: 0.4rem 0; background: var(--err-bg); color: var(--err); border-radius: 6px; }
        .cell.expected-error .output pre.err { background: #fff8e6; color: #8a4b00; }
        .output .rich { overflow-x: auto; margin: 0.4rem 0; }
        .output figure { margin: 0.6rem 0; }
        .output figure img { display: block; background: white; border-radius: 4px; }
        .kw { color: var(--kw); } .str { color: var(--str); } .num { color: var(--num); }
        .com { color: var(--com); font-style: italic; } .con { color: var(--con); } .call { color: var(--call); }
        @media (prefers-color-scheme: dark) {
          :root { --text: #e6e6e6; --muted: #9aa4b2; --rule: #30363d; --code-bg: #161b22; --out-bg: transparent;
            --err-bg: #2d1214; --err: #ff7b72; --accent: #6ea8fe; }
          body { background: #0d1117; } pre.code { border-color: #30363d; } .output pre.out { color: #e6e6e6; }
        }
        """
}
