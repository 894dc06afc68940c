import Foundation
import QuartierDigest
import QuartierReport

/// Builds the atlas: one self-contained HTML file — no network, no external script or style, a
/// Content-Security-Policy of `default-src 'none'` that admits only the inline script and style by
/// their SHA-256 (CSP Level 3, "hash-source") — with the data embedded as JSON.
public enum AtlasBuilder {
    /// The HTML of `data`.
    public static func html(_ data: AtlasData) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = scriptSafeJSON(String(decoding: try encoder.encode(data), as: UTF8.self))
        let script = AtlasScript.javascript, style = AtlasStyle.css
        let policy = "default-src 'none'; script-src '\(hashSource(script))'; style-src '\(hashSource(style))'; "
            + "img-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'"
        let de = data.language == "de"
        return """
            <!DOCTYPE html>
            <html lang="\(Markup.escape(data.language))">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="\(policy)">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="Quartier">
            <title>\(Markup.escape(data.title))</title>
            <style>\(style)</style>
            </head>
            <body>
            <header>
            <h1 id="title">\(Markup.escape(data.title))</h1>
            <nav aria-label="\(de ? "Auswahl" : "Controls")">
            <label><span data-i18n="language"></span><select id="lang"><option value="de">Deutsch</option><option value="en">English</option></select></label>
            <label><span data-i18n="indicator"></span><select id="indicator"></select></label>
            <label><span data-i18n="level"></span><select id="level"></select></label>
            <label><span data-i18n="year"></span><input type="range" id="year" min="0" max="0" step="1"><output id="yearOut"></output></label>
            <label><span data-i18n="method"></span><select id="method"></select></label>
            <label><span data-i18n="search"></span><input type="search" id="search"></label>
            <button type="button" id="clear" data-i18n="clear"></button>
            </nav>
            <p class="note" data-i18n="keyboard"></p>
            <noscript>\(de ? "Der Atlas braucht JavaScript; die Tabellen stehen im Bericht." : "The atlas needs JavaScript; the tables are in the report.")</noscript>
            </header>
            <main>
            <section id="mapBox"><h2 data-i18n="map"></h2><svg id="map" xmlns="http://www.w3.org/2000/svg" role="group"></svg><div id="legend"></div></section>
            <section id="side">
            <h2 data-i18n="chart"></h2><svg id="chart" xmlns="http://www.w3.org/2000/svg" role="group"></svg>
            <h2 data-i18n="profile"></h2><div id="profile" aria-live="polite"></div>
            <h2 data-i18n="compare"></h2><p class="note" data-i18n="compareHelp"></p><div id="compare"></div>
            <h2 data-i18n="notes"></h2><dl id="notesList"></dl><p class="note" id="footnote"></p>
            </section>
            <section id="tableBox"><h2 data-i18n="table"></h2><button type="button" id="csv" data-i18n="download"></button>
            <div id="tableWrap"><table id="table"><thead></thead><tbody></tbody></table></div></section>
            </main>
            <div id="tip" role="tooltip" hidden></div>
            <script type="application/json" id="atlas-data">\(json)</script>
            <script>\(script)</script>
            </body>
            </html>

            """
    }

    /// JSON made safe inside `<script type="application/json">`: `<`, `>`, `&`, U+2028 and U+2029 as
    /// `\u` escapes (they occur only inside JSON strings, where the escape means the same character), so
    /// no `</script>` or `<!--` can end or change the element (HTML Living Standard, "Restrictions for
    /// contents of script elements").
    public static func scriptSafeJSON(_ json: String) -> String {
        var out = ""
        out.reserveCapacity(json.utf8.count)
        for scalar in json.unicodeScalars {
            switch scalar {
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `sha256-<base64>` of the UTF-8 text, the CSP hash-source of an inline element's content.
    public static func hashSource(_ text: String) -> String {
        let hasher = SHA256Hasher()
        hasher.update(text)
        let hex = Array(hasher.finalizeHex().utf8)
        var bytes: [UInt8] = []
        var i = 0
        while i + 1 < hex.count {
            bytes.append(UInt8(String(decoding: hex[i...i + 1], as: UTF8.self), radix: 16)!)
            i += 2
        }
        return "sha256-" + Data(bytes).base64EncodedString()
    }
}
