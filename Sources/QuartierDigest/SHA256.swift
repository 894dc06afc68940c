import COpenSSL
import Foundation

/// SHA-256 (FIPS 180-4) through OpenSSL's libcrypto, for the content hashes that make monitoring
/// runs incremental and provenance checkable (`sha256sum` prints the same hex digest).
///
/// One hasher owns one `EVP_MD_CTX`; it is not shared between threads.
public final class SHA256Hasher {
    private let context: OpaquePointer

    public init() {
        guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            fatalError("OpenSSL could not initialise SHA-256") // only on allocation failure
        }
        self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Adds bytes to the digest.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        precondition(EVP_DigestUpdate(context, base, bytes.count) == 1, "EVP_DigestUpdate failed")
    }

    public func update(_ data: Data) { data.withUnsafeBytes { update($0) } }

    public func update(_ text: String) { update(Data(text.utf8)) }

    /// The digest as 64 lower-case hex digits. The hasher cannot be used afterwards.
    public func finalizeHex() -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        precondition(EVP_DigestFinal_ex(context, &digest, &length) == 1, "EVP_DigestFinal_ex failed")
        return digest.prefix(Int(length)).map { String(format: "%02x", $0) }.joined()
    }
}

@available(*, unavailable, message: "an EVP_MD_CTX belongs to one thread")
extension SHA256Hasher: Sendable {}

/// Content hashes of files and texts.
public enum ContentHash {
    /// SHA-256 of a file's bytes: a regular file is mapped (`mmap`, 64 MiB at a time, read
    /// sequentially: no copy into the process, the page cache shared with the pass that reads the
    /// file next, and at most one window resident); anything else (a pipe, a file that cannot be
    /// mapped) is read in 4 MiB blocks.
    public static func sha256(file path: String) throws -> String {
        let descriptor = open(path, O_RDONLY)
        if descriptor >= 0 {
            defer { close(descriptor) }
            var info = stat()
            if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG {
                let size = Int(info.st_size)
                let hasher = SHA256Hasher()
                let window = 64 << 20
                var offset = 0
                while offset < size {
                    let length = min(window, size - offset)
                    guard let mapped = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, off_t(offset)), mapped != MAP_FAILED else { break }
                    madvise(mapped, length, MADV_SEQUENTIAL)
                    hasher.update(UnsafeRawBufferPointer(start: mapped, count: length))
                    munmap(mapped, length)
                    offset += length
                }
                if offset == size { return hasher.finalizeHex() }
            }
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        let hasher = SHA256Hasher()
        while let block = try handle.read(upToCount: 4 << 20), !block.isEmpty { hasher.update(block) }
        return hasher.finalizeHex()
    }

    /// SHA-256 of a text's UTF-8 bytes.
    public static func sha256(_ text: String) -> String {
        let hasher = SHA256Hasher()
        hasher.update(text)
        return hasher.finalizeHex()
    }
}
