/// The atlas's style sheet (inline, admitted by its hash in the Content-Security-Policy), with print rules.
enum AtlasStyle {
    static let css = #"""
body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#222;background:#fff}
header{padding:.5em 1em;border-bottom:1px solid #ccc}
h1{font-size:1.3em;margin:.2em 0}h2{font-size:1.05em;margin:.4em 0}
nav{display:flex;flex-wrap:wrap;gap:.6em 1.2em;align-items:end}
nav label{display:flex;flex-direction:column;font-size:.85em}
main{display:grid;grid-template-columns:minmax(300px,3fr) minmax(260px,2fr);gap:1em;padding:1em}
section{min-width:0}
#map{width:100%;height:auto;max-height:75vh;border:1px solid #ddd;background:#fafafa}
#map path{stroke:#fff;stroke-width:.6;vector-effect:non-scaling-stroke;cursor:pointer}
#map path.sup{fill:url(#hatch)}#map path.na{fill:#e8e8e8}
#map path.hi,#chart rect.hi{stroke:#000;stroke-width:2.5}
#map path.sel{stroke:#1f5fbf;stroke-width:2}
#map path.unc{stroke:#1f5fbf;stroke-width:1.5;stroke-dasharray:3 2}
#map path:focus{outline:none;stroke:#000;stroke-width:3}
#legend ul{list-style:none;padding:0;margin:.3em 0}#legend li{display:flex;gap:.5em;align-items:center}
.sw{display:inline-block;width:1.2em;height:.9em;border:1px solid #999}
#chart{width:100%;height:160px;border:1px solid #ddd}
#chart rect.sel{stroke:#1f5fbf;stroke-width:2}
table{border-collapse:collapse;width:100%;font-size:.9em}
th,td{border-bottom:1px solid #e3e3e3;padding:.15em .4em;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums}
th button{font:inherit;font-weight:bold;border:0;background:none;padding:0;cursor:pointer}
tr.hi td{background:#ffe9a8}tr.sel td{font-weight:bold}
tr:focus{outline:2px solid #000}
#tableBox{grid-column:1/-1}
#tableWrap{max-height:60vh;overflow:auto}
#tip{position:fixed;pointer-events:none;background:#fff;border:1px solid #888;padding:.3em .5em;font-size:.85em;max-width:22em}
.note{font-size:.85em;color:#444}
#profile table{font-size:.85em}#profile td,#profile th{padding:.1em .3em;vertical-align:middle}
#profile tr.cur td{background:#eef3fb}#profile h3{margin:.2em 0;font-size:1em}
#profile{overflow-x:auto}#profile .yr{color:#666;font-size:.9em}svg.spine{width:130px;height:16px;display:block}svg.spark{width:60px;height:16px;display:block}
.rankline{margin:.2em 0;font-weight:bold}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em .8em}dt{font-weight:bold}dd{margin:0}
@media (max-width:800px){main{grid-template-columns:1fr}}
@media print{nav,#csv,#clear,#tip,#search,header .note{display:none}main{display:block}#tableWrap{max-height:none;overflow:visible}
#map{max-height:none;page-break-inside:avoid}section{page-break-inside:avoid}#profile tr{page-break-inside:avoid}body{font-size:10pt}}
"""#
}
