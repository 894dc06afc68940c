import CXLSXWriter
import QuartierBase
import Foundation

/// An XLSX workbook written with libxlsxwriter (Debian `libxlsxwriter-dev`): sheets of a header row
/// and typed cells, numbers as numbers, text as text, a number format per column, the header frozen.
///
/// The workbook owns its `lxw_workbook`; `close()` writes the file (into a temporary file beside
/// the target, renamed on success) and frees it; `deinit` frees an unclosed workbook without
/// leaving a file. The document's creation time is fixed (`created`) so the same data gives the
/// same bytes.
///
/// ```swift
/// let book = try XLSXWorkbook(path: "out/indicators.xlsx")
/// try book.addSheet(name: "Indikatoren", columns: [.init("PLR", .text), .init("Quote", .number(format: "0.0"))],
///                   rows: [[.text("01100101"), .number(12.3)]])
/// try book.close()
/// ```
public final class XLSXWorkbook {
    /// A column of a sheet.
    public struct Column: Sendable, Hashable {
        public enum Kind: Sendable, Hashable {
            case text
            /// Numbers with an Excel number format such as `0`, `0.0`, `0.00%`.
            case number(format: String)
        }

        public var title: String
        public var kind: Kind
        /// Width in characters; nil: from the title and the first rows.
        public var width: Double?

        public init(_ title: String, _ kind: Kind, width: Double? = nil) {
            self.title = title
            self.kind = kind
            self.width = width
        }
    }

    /// A cell value.
    public enum Value: Sendable, Hashable {
        case text(String)
        case number(Double)
        /// An absent value, written as the marker text (e.g. `.` for a suppressed cell) or blank.
        case absent(marker: String)
    }

    public let path: String
    private let temporaryPath: String
    private var workbook: UnsafeMutablePointer<lxw_workbook>?
    private var sheetNames: Set<String> = []

    /// Starts a workbook that `close()` writes to `path`.
    /// - Parameter created: the document's creation time (fixed by default for reproducible bytes).
    public init(path: String, created: Date = Date(timeIntervalSince1970: 0)) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        TemporaryFiles.removeStale(for: path)
        temporaryPath = TemporaryFiles.path(for: path, suffix: ".xlsx")
        TemporaryFiles.register(temporaryPath)
        guard let workbook = workbook_new(temporaryPath) else {
            throw XLSXError(code: -1, message: "workbook_new returned NULL", context: "creating \(temporaryPath)")
        }
        self.workbook = workbook
        var properties = lxw_doc_properties()
        properties.created = time_t(created.timeIntervalSince1970)
        try check(workbook_set_properties(workbook, &properties), "setting the document properties")
    }

    deinit {
        TemporaryFiles.unregister(temporaryPath)
        // An unclosed workbook: free it without writing (workbook_close would write the file).
        if let workbook {
            lxw_workbook_free(workbook)
            try? FileManager.default.removeItem(atPath: temporaryPath)
        }
    }

    /// Adds a sheet with a bold, frozen header row and one row per element of `rows`.
    /// - Throws: `XLSXError` for an invalid or repeated sheet name, or a cell libxlsxwriter refuses
    ///   (e.g. text longer than 32,767 characters).
    public func addSheet(name: String, columns: [Column], rows: [[Value]]) throws {
        guard let workbook else { throw XLSXError(code: -1, message: "the workbook is closed", context: "adding sheet \(name)") }
        let title = Self.sheetName(name, taken: sheetNames)
        sheetNames.insert(title)
        guard let sheet = workbook_add_worksheet(workbook, title) else {
            throw XLSXError(code: -1, message: "workbook_add_worksheet returned NULL", context: "adding sheet \(title)")
        }
        let bold = workbook_add_format(workbook)
        format_set_bold(bold)
        let formats: [UnsafeMutablePointer<lxw_format>?] = columns.map { column in
            guard case .number(let pattern) = column.kind else { return nil }
            let format = workbook_add_format(workbook)
            format_set_num_format(format, pattern)
            return format
        }
        for (index, column) in columns.enumerated() {
            try check(worksheet_write_string(sheet, 0, lxw_col_t(index), column.title, bold), "writing the header of \(title)")
            let sample = rows.prefix(200).map { row -> Int in
                guard index < row.count else { return 0 }
                if case .text(let text) = row[index] { return text.count }
                return 8
            }.max() ?? 0
            let width = column.width ?? min(60, Double(max(column.title.count, sample)) + 2)
            try check(worksheet_set_column(sheet, lxw_col_t(index), lxw_col_t(index), width, formats[index]), "sizing column \(index + 1) of \(title)")
        }
        worksheet_freeze_panes(sheet, 1, 0)
        for (rowIndex, row) in rows.enumerated() {
            let r = lxw_row_t(rowIndex + 1)
            for (index, value) in row.enumerated() {
                let c = lxw_col_t(index)
                let context = "writing row \(rowIndex + 2), column \(index + 1) of \(title)"
                switch value {
                case .text(let text): try check(worksheet_write_string(sheet, r, c, text, nil), context)
                case .number(let number):
                    if number.isFinite {
                        try check(worksheet_write_number(sheet, r, c, number, index < formats.count ? formats[index] : nil), context)
                    }
                case .absent(let marker):
                    if !marker.isEmpty { try check(worksheet_write_string(sheet, r, c, marker, nil), context) }
                }
            }
        }
    }

    /// Writes the file and frees the workbook; the file appears at `path` only when all went well.
    public func close() throws {
        guard let workbook else { return }
        self.workbook = nil
        let result = workbook_close(workbook)
        guard result == LXW_NO_ERROR else {
            try? FileManager.default.removeItem(atPath: temporaryPath)
            throw XLSXError(code: Int(result.rawValue), message: String(cString: lxw_strerror(result)), context: "writing \(path)")
        }
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporaryPath)
            throw XLSXError(code: Int(errno), message: reason, context: "renaming the workbook onto \(path)")
        }
    }

    private func check(_ result: lxw_error, _ context: String) throws {
        guard result == LXW_NO_ERROR else {
            throw XLSXError(code: Int(result.rawValue), message: String(cString: lxw_strerror(result)), context: context)
        }
    }

    /// Excel's sheet-name rules: at most 31 characters, none of `[]:*?/\`, unique (case-insensitive).
    static func sheetName(_ name: String, taken: Set<String>) -> String {
        var base = String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31))
        if base.isEmpty { base = "Sheet" }
        var candidate = base
        var number = 2
        while taken.contains(where: { $0.lowercased() == candidate.lowercased() }) {
            let suffix = " (\(number))"
            candidate = String(base.prefix(31 - suffix.count)) + suffix
            number += 1
        }
        return candidate
    }
}

@available(*, unavailable, message: "an lxw_workbook is written from one thread")
extension XLSXWorkbook: Sendable {}
