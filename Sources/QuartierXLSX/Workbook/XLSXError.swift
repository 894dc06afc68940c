/// A libxlsxwriter call failed; carries the library's message (`lxw_strerror`).
public struct XLSXError: Error, Sendable, CustomStringConvertible {
    public var code: Int
    public var message: String
    /// What Quartier was doing ("writing cell B7 of sheet indicators").
    public var context: String

    public var description: String { "libxlsxwriter error \(code): \(message) - while \(context)" }
}
