import Foundation
import NIOConcurrencyHelpers

/// The service's counters, kept in memory and written in Prometheus' text format by
/// `GET /metrics`.
final class ServiceMetrics: Sendable {
    /// Upper bounds (seconds) of the render-duration histogram buckets.
    static let renderBuckets: [Double] = [0.5, 1, 2, 5, 10, 20, 30, 60, 120]

    private struct RequestKey: Hashable {
        var route: String
        var method: String
        var status: Int
    }

    private struct RouteKey: Hashable {
        var route: String
        var method: String
    }

    private struct State {
        var requests: [RequestKey: Int] = [:]
        var requestSeconds: [RouteKey: (sum: Double, count: Int)] = [:]
        var renderBucketCounts = [Int](repeating: 0, count: ServiceMetrics.renderBuckets.count)
        var renderSum: Double = 0
        var renderCount = 0
        var renderResults: [String: Int] = [:]
        var rateLimited: [String: Int] = [:]
        var expiredSwept = 0
        var leaseRescues = 0
        var nightsArchived = 0
    }

    private let state = NIOLockedValueBox(State())

    /// Counts one answered request.
    func recordRequest(route: String, method: String, status: Int, duration: Duration) {
        let seconds = duration.seconds
        state.withLockedValue { state in
            state.requests[RequestKey(route: route, method: method, status: status), default: 0] += 1
            let key = RouteKey(route: route, method: method)
            let old = state.requestSeconds[key] ?? (0, 0)
            state.requestSeconds[key] = (old.sum + seconds, old.count + 1)
        }
    }

    /// Records one finished render attempt and how long it took.
    func recordRender(seconds: Double, succeeded: Bool) {
        state.withLockedValue { state in
            for (index, bound) in Self.renderBuckets.enumerated() where seconds <= bound {
                state.renderBucketCounts[index] += 1
            }
            state.renderSum += seconds
            state.renderCount += 1
            state.renderResults[succeeded ? "done" : "failed", default: 0] += 1
        }
    }

    /// Counts render jobs put back in the queue because their lease ended.
    func recordLeaseRescues(_ count: Int) {
        state.withLockedValue { $0.leaseRescues += count }
    }

    /// Counts a request refused by the limit `kind` ("owner" or "address").
    func recordRateLimited(_ kind: String) {
        state.withLockedValue { $0.rateLimited[kind, default: 0] += 1 }
    }

    /// Counts worries removed by the sweeper.
    func recordSwept(_ count: Int) {
        state.withLockedValue { $0.expiredSwept += count }
    }

    /// Counts an archived night.
    func recordNightArchived() {
        state.withLockedValue { $0.nightsArchived += 1 }
    }

    /// The Prometheus text exposition of every metric; `queueDepth` and `liveWorries` are
    /// read by the caller at scrape time.
    func prometheusText(queueDepth: Int, liveWorries: Int?, storageFull: Bool) -> String {
        let state = state.withLockedValue { $0 }
        var lines: [String] = []
        lines.append("# HELP dumpit_http_requests_total HTTP requests answered, by route pattern, method and status.")
        lines.append("# TYPE dumpit_http_requests_total counter")
        for (key, count) in state.requests.sorted(by: { ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status) }) {
            lines.append("dumpit_http_requests_total{route=\"\(escape(key.route))\",method=\"\(key.method)\",status=\"\(key.status)\"} \(count)")
        }
        lines.append("# HELP dumpit_http_request_duration_seconds Time spent answering requests, by route pattern and method.")
        lines.append("# TYPE dumpit_http_request_duration_seconds summary")
        for (key, value) in state.requestSeconds.sorted(by: { ($0.key.route, $0.key.method) < ($1.key.route, $1.key.method) }) {
            let labels = "route=\"\(escape(key.route))\",method=\"\(key.method)\""
            lines.append("dumpit_http_request_duration_seconds_sum{\(labels)} \(format(value.sum))")
            lines.append("dumpit_http_request_duration_seconds_count{\(labels)} \(value.count)")
        }
        lines.append("# HELP dumpit_render_queue_depth Clip render jobs pending or running.")
        lines.append("# TYPE dumpit_render_queue_depth gauge")
        lines.append("dumpit_render_queue_depth \(queueDepth)")
        lines.append("# HELP dumpit_render_duration_seconds Time one clip render attempt took.")
        lines.append("# TYPE dumpit_render_duration_seconds histogram")
        for (index, bound) in Self.renderBuckets.enumerated() {
            lines.append("dumpit_render_duration_seconds_bucket{le=\"\(format(bound))\"} \(state.renderBucketCounts[index])")
        }
        lines.append("dumpit_render_duration_seconds_bucket{le=\"+Inf\"} \(state.renderCount)")
        lines.append("dumpit_render_duration_seconds_sum \(format(state.renderSum))")
        lines.append("dumpit_render_duration_seconds_count \(state.renderCount)")
        lines.append("# HELP dumpit_render_jobs_total Clip render attempts by result.")
        lines.append("# TYPE dumpit_render_jobs_total counter")
        for result in ["done", "failed"] {
            lines.append("dumpit_render_jobs_total{result=\"\(result)\"} \(state.renderResults[result] ?? 0)")
        }
        lines.append("# HELP dumpit_render_lease_rescues_total Render jobs put back because their renderer's lease ended.")
        lines.append("# TYPE dumpit_render_lease_rescues_total counter")
        lines.append("dumpit_render_lease_rescues_total \(state.leaseRescues)")
        lines.append("# HELP dumpit_rate_limited_total Worry posts refused by a rate limit.")
        lines.append("# TYPE dumpit_rate_limited_total counter")
        for kind in ["address", "owner"] {
            lines.append("dumpit_rate_limited_total{limit=\"\(kind)\"} \(state.rateLimited[kind] ?? 0)")
        }
        lines.append("# HELP dumpit_expired_worries_swept_total Expired worries deleted with their clips.")
        lines.append("# TYPE dumpit_expired_worries_swept_total counter")
        lines.append("dumpit_expired_worries_swept_total \(state.expiredSwept)")
        lines.append("# HELP dumpit_nights_archived_total Nights archived for posters.")
        lines.append("# TYPE dumpit_nights_archived_total counter")
        lines.append("dumpit_nights_archived_total \(state.nightsArchived)")
        lines.append("# HELP dumpit_storage_full 1 while the data folder's disk is too full to take new worries.")
        lines.append("# TYPE dumpit_storage_full gauge")
        lines.append("dumpit_storage_full \(storageFull ? 1 : 0)")
        if let liveWorries {
            lines.append("# HELP dumpit_live_worries Worries in the last computed sky.")
            lines.append("# TYPE dumpit_live_worries gauge")
            lines.append("dumpit_live_worries \(liveWorries)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func escape(_ label: String) -> String {
        label.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    private func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

extension Duration {
    /// The duration in seconds as a double.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
