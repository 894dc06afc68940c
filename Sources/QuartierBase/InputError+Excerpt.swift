extension InputError {
    /// A list of names for a message: each excerpted, at most `limit` of them, quoted and
    /// comma-separated (`"id", "x", "y"`, `… and 12 more`).
    public static func excerpt(list names: [String], limit: Int = 30) -> String {
        var text = names.prefix(limit).map { "\"\(excerpt($0))\"" }.joined(separator: ", ")
        if names.count > limit { text += " … and \(names.count - limit) more" }
        return text
    }
}
