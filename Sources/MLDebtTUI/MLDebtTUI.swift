import MLDebt

/// The terminal user interface of mldebt: views render into a ``CellBuffer``-like grid of cells,
/// and one backend file talks to ncurses.
public enum MLDebtTUI {}
