import Metrics
import Prometheus

/// The metrics backend of the process: a Prometheus registry behind swift-metrics.
enum MetricsBootstrap {
    /// Makes a registry the backend of `MetricsSystem` and returns it: the one-shot commands write it to
    /// `--metrics-file` at the end of the run, `watch` serves `registry.emit(into:)` on `/metrics`.
    ///
    /// `MetricsSystem` takes one backend per process: call this once, before any metric is made.
    static func bootstrap() -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }
}
