/// The `# HELP` line of each metric, by name: what it counts, in an operator's words.
enum MetricHelp {
    static let byName: [String: String] = [
        "dumpit_http_requests_total": "HTTP requests answered, by route pattern, method and status.",
        "dumpit_http_request_duration_seconds": "Time spent answering requests, by route pattern, method and status.",
        "dumpit_http_request_errors_total": "Requests that ended in an error thrown past the error middleware.",
        "dumpit_http_active_requests": "Requests being answered now, by method.",
        "dumpit_render_queue_depth": "Clip render jobs pending or running, read from the store at scrape time.",
        "dumpit_render_queue_oldest_pending_seconds": "Age of the oldest pending render job (0 when none waits).",
        "dumpit_renders_started_total": "Clip render attempts begun, by format.",
        "dumpit_renders_finished_total": "Clip render attempts that made the clip, by format.",
        "dumpit_renders_failed_total": "Clip renders given up after their last attempt, by format.",
        "dumpit_renders_retried_total": "Failed clip render attempts put back in the queue for another try, by format.",
        "dumpit_render_duration_seconds": "Time one clip render attempt took, all stages.",
        "dumpit_render_stage_seconds": "Time one stage of a clip render took (render: frames and encoders; store: recording it).",
        "dumpit_post_to_ready_seconds": "Time from a worry's post to its clip being ready.",
        "dumpit_render_lease_rescues_total": "Render jobs whose worker lease ran out, put back for another worker.",
        "dumpit_rate_limited_total": "Worry posts refused by a rate limit, by limit.",
        "dumpit_store_query_seconds": "Time store calls took, by operation.",
        "dumpit_clip_bytes_served_total": "Clip file bytes sent, by format.",
        "dumpit_sky_layout_seconds": "Time one layout of the live sky took.",
        "dumpit_sky_nodes": "Nodes in the last sky layout.",
        "dumpit_live_worries": "Worries in the last computed sky.",
        "dumpit_storage_full": "1 while the data folder's disk is too full to take new worries.",
        "dumpit_expired_worries_swept_total": "Expired worries deleted with their clips.",
        "dumpit_nights_archived_total": "Nights archived for posters.",
        "dumpit_night_archive_failures_total": "Attempts at archiving a night that failed (each is tried again).",
        "dumpit_safety_events_total":
            "Trust & safety events: care answers, refusals, hate kept private, reports, stars hidden by reports, worries deleted by their writers.",
        "dumpit_masked_total": "Personal data masked in posted worries before storing, by kind.",
    ]
}
