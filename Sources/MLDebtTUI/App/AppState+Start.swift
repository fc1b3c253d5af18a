/// Where the workbench opens (`mldebt open --view VIEW --select ID`).
extension AppState {
  /// Shows `view` and selects the item with `id` there; without a view, selects `id` in the
  /// first view that lists it (Lineage for node ids, Runs for run ids) and shows that view.
  /// Reports an error in the status bar when the item is not found.
  public mutating func start(at view: ViewID?, selecting id: String?) {
    if let view { self.view = view }
    guard let id else { return }
    let candidates = view.map { [$0] } ?? [.lineage, .runs] + ViewID.allCases
    for candidate in candidates where select(id: id, in: candidate) {
      self.view = candidate
      return
    }
    report("--select \(id): no such item in \(view?.title ?? "any view")", error: true)
  }
}
