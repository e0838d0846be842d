import CCairo
import Foundation

/// What went wrong while drawing; messages carry Cairo's own status text.
public enum RenderError: Error, LocalizedError, Equatable {
    /// A Cairo call ended in an error status.
    case cairo(call: String, message: String)
    /// A size Cairo cannot draw (zero, negative or too large).
    case invalidSize(width: Int, height: Int)
    /// A file could not be written.
    case io(String)

    public var errorDescription: String? {
        switch self {
        case .cairo(let call, let message): return "\(call) failed: \(message)"
        case .invalidSize(let width, let height): return "cannot draw a \(width)x\(height) picture (1…32767 per side)"
        case .io(let message): return message
        }
    }
}

/// Throws when `status` is not CAIRO_STATUS_SUCCESS, with cairo_status_to_string's text.
func check(_ status: cairo_status_t, _ call: @autoclosure () -> String) throws {
    guard status != CAIRO_STATUS_SUCCESS else { return }
    throw RenderError.cairo(call: call(), message: String(cString: cairo_status_to_string(status)))
}
