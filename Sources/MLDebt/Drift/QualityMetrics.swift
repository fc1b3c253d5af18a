import Foundation

/// Prediction bias and model quality over the labelled rows of a window.
///
/// Rows with an empty label (or prediction) are left out and counted as `unlabelled`. Labels
/// that are all 0 or 1 make a classification task: the predicted class is 1 when the prediction
/// is ≥ 0.5 (a probability, or already a 0/1 class), and accuracy, precision, recall and ROC
/// AUC are computed. Other numeric labels make a regression task: MAE and RMSE. Both report
/// bias = mean prediction − mean label.
public enum QualityMetrics {
  /// The classification threshold on predicted probabilities.
  public static let classThreshold = 0.5

  static func compute(predictions: CSVColumn, labels: CSVColumn?, rows: [Int]) -> PredictionQuality
  {
    var all: [Double] = []
    var p: [Double] = []
    var y: [Double] = []
    for row in rows {
      let prediction = predictions.numbers[row]
      if prediction.isFinite { all.append(prediction) }
      if let labels {
        let label = labels.numbers[row]
        if prediction.isFinite && label.isFinite {
          p.append(prediction)
          y.append(label)
        }
      }
    }
    return compute(rows: rows.count, allPredictions: all, predictions: p, labels: y)
  }

  /// Computes bias and quality from paired predictions and labels.
  public static func compute(
    rows: Int, allPredictions: [Double], predictions p: [Double], labels y: [Double]
  ) -> PredictionQuality {
    var q = PredictionQuality(rows: rows, labelled: p.count, unlabelled: rows - p.count)
    if !allPredictions.isEmpty {
      q.meanPredictionAllRows = allPredictions.reduce(0, +) / Double(allPredictions.count)
    }
    guard !p.isEmpty else { return q }
    let n = Double(p.count)
    let meanP = p.reduce(0, +) / n
    let meanY = y.reduce(0, +) / n
    q.meanPrediction = meanP
    q.labelRate = meanY
    q.bias = meanP - meanY
    var absolute = 0.0
    var squared = 0.0
    for (a, b) in zip(p, y) {
      absolute += abs(a - b)
      squared += (a - b) * (a - b)
    }
    q.mae = absolute / n
    q.rmse = (squared / n).squareRoot()
    if y.allSatisfy({ $0 == 0 || $0 == 1 }) {
      q.task = "classification"
      var tp = 0.0
      var fp = 0.0
      var fn = 0.0
      var correct = 0.0
      for (score, label) in zip(p, y) {
        let predicted: Double = score >= classThreshold ? 1 : 0
        if predicted == label { correct += 1 }
        if predicted == 1 && label == 1 { tp += 1 }
        if predicted == 1 && label == 0 { fp += 1 }
        if predicted == 0 && label == 1 { fn += 1 }
      }
      q.accuracy = correct / n
      q.precision = tp + fp == 0 ? 0 : tp / (tp + fp)
      q.recall = tp + fn == 0 ? 0 : tp / (tp + fn)
      q.rocAUC = rocAUC(scores: p, labels: y)
    } else {
      q.task = "regression"
    }
    return q
  }

  /// ROC AUC as the Mann–Whitney statistic with mid-ranks for ties; `nil` with one class only.
  public static func rocAUC(scores: [Double], labels: [Double]) -> Double? {
    let positives = labels.filter { $0 == 1 }.count
    let negatives = labels.count - positives
    guard positives > 0, negatives > 0 else { return nil }
    let order = scores.indices.sorted { scores[$0] < scores[$1] }
    var rankSum = 0.0
    var i = 0
    while i < order.count {
      var j = i
      while j + 1 < order.count && scores[order[j + 1]] == scores[order[i]] { j += 1 }
      let rank = Double(i + j + 2) / 2
      for k in i...j where labels[order[k]] == 1 { rankSum += rank }
      i = j + 1
    }
    let np = Double(positives)
    return (rankSum - np * (np + 1) / 2) / (np * Double(negatives))
  }
}
