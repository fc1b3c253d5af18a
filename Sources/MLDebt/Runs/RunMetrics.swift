/// Metric histories across runs, and the best run per metric.
public enum RunMetrics {
  /// Whether larger values of a metric are better, guessed from its name: losses, errors and
  /// distances are minimised, everything else (accuracy, AUC, precision, …) maximised.
  public static func higherIsBetter(_ metric: String) -> Bool {
    let lower = metric.lowercased()
    let minimised = [
      "loss", "error", "err", "mse", "rmse", "mae", "mape", "logloss", "perplexity",
      "distance", "latency", "time", "duration", "cost", "brier",
    ]
    return !minimised.contains { lower.contains($0) }
  }

  /// The run with the best latest value of a metric among `runs` (NaN ignored); ties go to the
  /// earlier run in the list. `higherIsBetter` defaults to the guess from the name.
  public static func best(_ metric: String, in runs: [Run], higherIsBetter: Bool? = nil) -> Run? {
    let higher = higherIsBetter ?? Self.higherIsBetter(metric)
    var best: (run: Run, value: Double)?
    for run in runs {
      guard let value = run.metrics[metric], !value.isNaN else { continue }
      if let current = best {
        if higher ? value > current.value : value < current.value { best = (run, value) }
      } else {
        best = (run, value)
      }
    }
    return best?.run
  }

  /// One run's history of a metric, as a chart series: one value per step (the last logged
  /// at that step), ordered by step, NaN dropped. MLflow may log a point twice (logging a model
  /// links its metrics again); a run without a recorded history gives its latest value at step 0.
  public static func series(_ metric: String, of run: Run) -> [(step: Int64, value: Double)] {
    if let history = run.metricHistory[metric], !history.isEmpty {
      let ordered = history.enumerated().filter { !$0.element.value.isNaN }.sorted {
        ($0.element.step, $0.element.timestamp, $0.offset)
          < ($1.element.step, $1.element.timestamp, $1.offset)
      }
      var series: [(step: Int64, value: Double)] = []
      for (_, point) in ordered {
        if series.last?.step == point.step {
          series[series.count - 1].value = point.value
        } else {
          series.append((point.step, point.value))
        }
      }
      return series
    }
    if let value = run.metrics[metric], !value.isNaN { return [(0, value)] }
    return []
  }
}
