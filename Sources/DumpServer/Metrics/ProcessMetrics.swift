import CoreMetrics
import Prometheus

/// The process's one swift-metrics backend: a Prometheus registry that every metric made
/// through `MetricsSystem` (Hummingbird's `MetricsMiddleware` among them) lands in.
///
/// `MetricsSystem.bootstrap` may run once per process, and tests run many services in one
/// process, so `bootstrap()` is idempotent and every service calls it. Metrics a service owns
/// live in its own `ServiceMetrics` registry instead, so tests can count them exactly.
public enum ProcessMetrics {
    /// The registry behind `MetricsSystem` once `bootstrap()` ran.
    public static let registry = PrometheusCollectorRegistry()

    /// Runs the bootstrap on first use only (a `static let` is initialised once, thread-safely).
    private static let bootstrapped: Void = {
        MetricsSystem.bootstrap(factory(for: registry))
    }()

    /// Points swift-metrics at `registry`; safe to call any number of times from any thread.
    public static func bootstrap() {
        _ = bootstrapped
    }

    /// A factory writing into `registry` with our help texts and bucket bounds, and with
    /// Hummingbird's metric names turned into ours (`dumpit_http_…`, labels `route`, `method`,
    /// `status`; a request no route matched is `route="NotFound"`, never its raw path).
    static func factory(for registry: PrometheusCollectorRegistry) -> DescribedPrometheusFactory {
        DescribedPrometheusFactory(registry: registry) { name, labels in
            (
                hummingbirdNames[name] ?? name,
                labels.map { ($0.0.hummingbirdLabel, $0.0 == "http.route" ? $0.1.routeLabel : $0.1) }
            )
        }
    }

    /// Hummingbird's metric labels and what we call them.
    private static let hummingbirdNames = [
        "hb.requests": "dumpit_http_requests_total",
        "http.server.request.duration": "dumpit_http_request_duration_seconds",
        "hb.request.errors": "dumpit_http_request_errors_total",
        "http.server.active_requests": "dumpit_http_active_requests",
    ]
}

extension String {
    /// Hummingbird's OpenTelemetry-style dimension names as our short label names.
    fileprivate var hummingbirdLabel: String {
        switch self {
        case "http.route": return "route"
        case "http.request.method": return "method"
        case "http.response.status_code": return "status"
        case "error.type": return "error_type"
        default: return self
        }
    }

    /// Hummingbird's stand-ins for "no route matched" ("Unknown", "NotFound") as one value.
    fileprivate var routeLabel: String {
        self == "Unknown" ? "NotFound" : self
    }
}
