import CShapelib
import Foundation

/// A Shapefile could not be opened or read; carries shapelib's message where it gave one.
public struct ShapefileError: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    /// The shapelib function that failed.
    public var function: String
    public var message: String

    public init(path: String, function: String, message: String) {
        self.path = path
        self.function = function
        self.message = message
    }

    public var description: String { "\(path): shapelib \(function) failed: \(message)" }
}

/// shapelib reports errors through `SAHooks.Error`, a C function without userdata: the message is kept
/// per thread (shapelib calls it on the thread that made the failing call).
enum ShapelibMessages {
    static let key = "org.quartier.shapelib.message"

    static var last: String? {
        get { Thread.current.threadDictionary[key] as? String }
        set { Thread.current.threadDictionary[key] = newValue }
    }

    /// Default file hooks with the error hook recording the message.
    static func hooks() -> SAHooks {
        var hooks = SAHooks()
        SASetupDefaultHooks(&hooks)
        hooks.Error = { message in
            ShapelibMessages.last = message.map { String(cString: $0) }
        }
        return hooks
    }

    /// Calls a shapelib function returning a handle; NULL throws with shapelib's message.
    static func check<T>(_ path: String, _ function: String, _ body: () -> T?) throws(ShapefileError) -> T {
        last = nil
        guard let result = body() else {
            throw ShapefileError(path: path, function: function, message: last ?? "cannot open or read the file")
        }
        return result
    }
}
