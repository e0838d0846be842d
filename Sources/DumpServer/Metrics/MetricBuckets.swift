/// Histogram bucket bounds for each timed metric, chosen for what it measures: requests and
/// store queries in milliseconds, renders and POST-to-ready in seconds to minutes.
enum MetricBuckets {
    /// Sub-second work: store queries, sky layouts.
    static let quick: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .seconds(2.5), .seconds(5),
    ]

    /// A clip render: a second for a short clip on a fast machine to minutes under load.
    static let render: [Duration] = [
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5),
        .seconds(10), .seconds(20), .seconds(30), .seconds(60), .seconds(120),
    ]

    /// From a post to its clip being ready: a render plus the wait in the queue.
    static let postToReady: [Duration] = [
        .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5), .seconds(10),
        .seconds(20), .seconds(30), .seconds(60), .seconds(120), .seconds(300), .seconds(600),
    ]

    /// Buckets by metric name, used by `DescribedPrometheusFactory` for timers.
    static let byName: [String: [Duration]] = [
        "dumpit_render_duration_seconds": render,
        "dumpit_render_stage_seconds": render,
        "dumpit_post_to_ready_seconds": postToReady,
        "dumpit_store_query_seconds": quick,
        "dumpit_sky_layout_seconds": quick,
    ]
}
