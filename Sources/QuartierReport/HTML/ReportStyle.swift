/// The report's inline stylesheet: screen layout and an A4 print layout (page break before each
/// section, maps, figures and profiles never split, table headers repeated on every page).
enum ReportStyle {
    static let css = """
    :root{--ink:#1a1a1a;--muted:#5b5b5b;--rule:#d0d0d0;--accent:#b30000;--least:#2b6ca3}
    *{box-sizing:border-box;-webkit-print-color-adjust:exact;print-color-adjust:exact}
    body{font-family:"Source Sans 3","Segoe UI",Helvetica,Arial,sans-serif;color:var(--ink);margin:0;line-height:1.45;font-size:15px;background:#fff}
    main{max-width:1100px;margin:0 auto;padding:24px 32px 64px}
    header.cover{border-bottom:4px solid var(--accent);margin-bottom:24px;padding-bottom:12px}
    h1{font-size:30px;margin:0 0 4px}h2{font-size:22px;border-bottom:1px solid var(--rule);padding-bottom:4px;margin-top:40px}
    h3{font-size:17px;margin:24px 0 6px}.sub{color:var(--muted);margin:0}
    nav ol{columns:2;padding-left:20px}a{color:#1f4e79}
    figure{margin:16px 0;break-inside:avoid;page-break-inside:avoid}figcaption{color:var(--muted);font-size:13px}
    svg.map{width:100%;height:auto;display:block;max-height:900px;font-family:sans-serif}
    table{border-collapse:collapse;width:100%;font-size:13px;margin:8px 0}
    th,td{border-bottom:1px solid var(--rule);padding:3px 6px;text-align:left;vertical-align:top}
    th{background:#f3f3f3;font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    thead{display:table-header-group}tr{break-inside:avoid}
    tr.most td{background:#fde0dd}tr.least td{background:#deebf7}
    .nw{white-space:nowrap}.chip{display:inline-block;width:12px;height:12px;border:1px solid #777;vertical-align:-1px;margin-right:4px}
    .ci{color:var(--muted);font-size:11px;display:block}
    .key{display:flex;gap:16px;flex-wrap:wrap;margin:12px 0}.key div{border:1px solid var(--rule);padding:8px 12px;min-width:140px}
    .key b{display:block;font-size:22px}
    .profile{border-top:1px solid var(--rule);padding-top:6px;break-inside:avoid;page-break-inside:avoid}
    .profile p{margin:2px 0;font-size:13px}.profile table{table-layout:fixed}.profile th:first-child{width:34%}.profile th:nth-child(4){width:130px}.profile th:nth-child(5){width:100px}
    svg.bar{width:120px;height:12px;vertical-align:middle}svg.bar rect{fill:#fc8d59}svg.bar line{stroke:#1a1a1a;stroke-width:2}
    svg.spark{width:90px;height:24px;vertical-align:middle}svg.spark polyline{fill:none;stroke:#999;stroke-width:1.5}
    svg.spark polyline.a{stroke:#b30000;stroke-width:2}svg.spark circle{fill:#b30000}
    .note{color:var(--muted);font-size:13px}dl dt{font-weight:600;margin-top:8px}dl dd{margin-left:0}
    footer{margin-top:48px;color:var(--muted);font-size:12px;border-top:1px solid var(--rule);padding-top:8px}
    @page{size:A4;margin:14mm 12mm 16mm}
    @media print{
      body{font-size:10.5pt}main{max-width:none;padding:0}
      section{break-before:page;page-break-before:always}
      nav{break-after:page}
      figure,svg.map,.profile,tr{break-inside:avoid;page-break-inside:avoid}
      svg.map{max-height:240mm}
      table.ranking{font-size:7pt}table.ranking td,table.ranking th{padding:1px 3px}
      a{color:inherit;text-decoration:none}
      h2,h3{break-after:avoid;page-break-after:avoid}
    }
    """
}
