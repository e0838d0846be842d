import CoreMetrics
import Prometheus

/// A swift-metrics factory writing into a Prometheus registry, like swift-prometheus'
/// `PrometheusMetricsFactory`, that also gives every metric of ours its `# HELP` line and its
/// bucket bounds, and turns Hummingbird's metric names into ours.
///
/// The registry insists one name has one help text, so the help is looked up by name
/// (`MetricHelp`), never passed per call.
struct DescribedPrometheusFactory: MetricsFactory {
    let registry: PrometheusCollectorRegistry
    /// Renames a metric and its labels before it is registered.
    let rename: @Sendable (_ name: String, _ labels: [(String, String)]) -> (String, [(String, String)])
    private let plain: PrometheusMetricsFactory

    /// A factory for `registry`; `rename` maps names and labels first (default: kept).
    init(
        registry: PrometheusCollectorRegistry,
        rename: @escaping @Sendable (String, [(String, String)]) -> (String, [(String, String)]) = { ($0, $1) }
    ) {
        self.registry = registry
        self.rename = rename
        plain = PrometheusMetricsFactory(registry: registry)
    }

    /// The name and help line of metric `name`.
    private func descriptor(_ name: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: MetricHelp.byName[name] ?? "")
    }

    /// A counter (a Prometheus counter).
    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        let (name, labels) = rename(label, dimensions)
        return registry.makeCounter(descriptor: descriptor(name), labels: labels)
    }

    /// A counter of fractions (a Prometheus counter).
    func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler {
        let (name, labels) = rename(label, dimensions)
        return registry.makeCounter(descriptor: descriptor(name), labels: labels)
    }

    /// A gauge, or a value histogram when `aggregate`.
    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        let (name, labels) = rename(label, dimensions)
        guard aggregate else { return registry.makeGauge(descriptor: descriptor(name), labels: labels) }
        return registry.makeValueHistogram(
            descriptor: descriptor(name), labels: labels, buckets: plain.defaultValueHistogramBuckets)
    }

    /// A meter (a Prometheus gauge).
    func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
        let (name, labels) = rename(label, dimensions)
        return registry.makeGauge(descriptor: descriptor(name), labels: labels)
    }

    /// A timer (a Prometheus histogram in seconds, with the metric's buckets).
    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        let (name, labels) = rename(label, dimensions)
        return registry.makeDurationHistogram(
            descriptor: descriptor(name), labels: labels,
            buckets: MetricBuckets.byName[name] ?? plain.defaultDurationHistogramBuckets)
    }

    /// Unregisters a metric: as swift-prometheus' own factory does.
    func destroyCounter(_ handler: any CounterHandler) { plain.destroyCounter(handler) }
    func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) { plain.destroyFloatingPointCounter(handler) }
    func destroyRecorder(_ handler: any RecorderHandler) { plain.destroyRecorder(handler) }
    func destroyMeter(_ handler: any MeterHandler) { plain.destroyMeter(handler) }
    func destroyTimer(_ handler: any TimerHandler) { plain.destroyTimer(handler) }
}
