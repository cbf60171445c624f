"""The report's stylesheet, inlined in the page: system fonts only, nothing fetched."""

CSS = """
:root {
  --fg: #1d2125; --muted: #5b6470; --bg: #ffffff; --panel: #f5f7f9; --line: #d8dde3;
  --accent: #1f5fa8; --ok: #1e7b34; --failed: #b3261e; --notrun: #7a6a00;
}
@media (prefers-color-scheme: dark) {
  :root { --fg: #e4e7ea; --muted: #a3acb6; --bg: #16191c; --panel: #20252a; --line: #39414a;
          --accent: #7fb2f0; --ok: #6fcf87; --failed: #ff8a80; --notrun: #e0c95a; }
  figure img { background: #fff; }
}
* { box-sizing: border-box; }
html { font-size: 16px; }
body {
  margin: 0 auto; padding: 1.5rem 1.5rem 4rem; max-width: 70rem;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  line-height: 1.5; color: var(--fg); background: var(--bg);
}
h1 { font-size: 1.9rem; margin: 0.5rem 0 0.25rem; }
h2 { font-size: 1.5rem; margin: 2.5rem 0 0.5rem; padding-bottom: 0.25rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.2rem; margin: 0 0 0.4rem; }
a { color: var(--accent); }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace;
            font-size: 0.9em; }
pre { background: var(--panel); padding: 0.75rem; overflow-x: auto; border-radius: 4px; }
.lead { color: var(--muted); margin-top: 0; }
.counts span { margin-right: 1rem; }
nav.toc { background: var(--panel); border-radius: 6px; padding: 0.75rem 1.25rem; margin: 1.25rem 0; }
nav.toc h2 { font-size: 1.1rem; margin: 0 0 0.5rem; border: 0; padding: 0; }
nav.toc ol { margin: 0; padding-left: 1.25rem; columns: 2 26rem; }
nav.toc li { break-inside: avoid; }
nav.toc ul { padding-left: 1rem; margin: 0.1rem 0 0.5rem; }
section.experiment { border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.25rem; margin: 1.25rem 0; }
.name { color: var(--muted); font-weight: normal; font-size: 0.9rem; }
.badge { display: inline-block; font-size: 0.75rem; font-weight: 600; padding: 0.05rem 0.5rem;
         border-radius: 999px; border: 1px solid currentColor; vertical-align: middle; margin-left: 0.4rem; }
.status-ok, td.agree { color: var(--ok); } .status-off, td.off { color: var(--failed); }
td.off { font-weight: 600; } td .why { font-weight: normal; font-size: 0.8rem; white-space: nowrap; }
div.table { max-width: 100%; overflow-x: auto; }
td .source { display: block; font-size: 0.8rem; color: var(--muted); white-space: normal;
             max-width: 22rem; margin-left: auto; }
td code { overflow-wrap: anywhere; }
ul.notes { font-size: 0.9rem; margin: 0.25rem 0; padding-left: 1.25rem; }
.path { overflow-wrap: anywhere; }
@media (max-width: 30rem) {
  body { padding: 0.75rem 0.75rem 3rem; }
  th, td { padding-right: 0.5rem; font-size: 0.85rem; }
  nav.toc ol { columns: 1; }
}
.status-ok { color: var(--ok); } .status-failed { color: var(--failed); } .status-notrun { color: var(--notrun); }
.meta { color: var(--muted); font-size: 0.9rem; }
.meta span + span::before { content: "\\00a0\\00b7\\00a0"; }
.error { border-left: 4px solid var(--failed); padding: 0.25rem 0.75rem; background: var(--panel); }
.note { color: var(--muted); font-style: italic; }
figure { margin: 0.75rem 0; }
figure div.plot { max-width: 100%; overflow-x: auto; }
figure img { display: block; max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: 4px; }
figcaption { color: var(--muted); font-size: 0.85rem; }
table { border-collapse: collapse; margin: 0.75rem 0; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--line); padding: 0.25rem 0.9rem 0.25rem 0; text-align: right; }
th:first-child, td:first-child { text-align: left; }
thead th { border-bottom: 2px solid var(--line); }
ul.modules { padding-left: 1.25rem; margin: 0.25rem 0; }
.path { color: var(--muted); font-size: 0.85rem; }
footer { margin-top: 3rem; color: var(--muted); font-size: 0.9rem; }
@media print {
  @page { margin: 1.5cm; }
  html { font-size: 10.5pt; }
  body { max-width: none; padding: 0; color: #000; background: #fff; }
  nav.toc { display: none; }
  h2.course { break-before: page; }
  h2.course.first { break-before: auto; }
  h2, h3 { break-after: avoid; }
  section.experiment { border: 0; border-top: 1px solid #999; border-radius: 0; padding: 0.5rem 0; }
  figure, table, .error { break-inside: avoid; }
  figure img { max-height: 16cm; width: auto; border: 0; min-width: 0 !important; }
  a { color: inherit; text-decoration: none; }
  details > summary { display: none; }
  pre { white-space: pre-wrap; }
}
"""
