// The parts of ncursesw that Swift cannot import directly: macros, and globals that Swift 6
// refuses as shared mutable state. Everything here is a thin, side-effect-free accessor.
#ifndef MLDEBT_CNCURSES_SHIM_H
#define MLDEBT_CNCURSES_SHIM_H

// SwiftPM drops the -D_XOPEN_SOURCE flags pkg-config gives, and without them the wide-character
// API (get_wch, cchar_t, setcchar) is hidden. Ask for it explicitly.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <ncurses.h>
#include <wchar.h>

static inline WINDOW *mldebt_stdscr(void) { return stdscr; }
static inline int mldebt_colors(void) { return COLORS; }
static inline int mldebt_color_pairs(void) { return COLOR_PAIRS; }

static inline attr_t mldebt_a_normal(void) { return A_NORMAL; }
static inline attr_t mldebt_a_bold(void) { return A_BOLD; }
static inline attr_t mldebt_a_dim(void) { return A_DIM; }
static inline attr_t mldebt_a_reverse(void) { return A_REVERSE; }
static inline attr_t mldebt_a_underline(void) { return A_UNDERLINE; }
static inline attr_t mldebt_a_italic(void) { return A_ITALIC; }

static inline mmask_t mldebt_all_mouse_events(void) { return ALL_MOUSE_EVENTS; }
static inline mmask_t mldebt_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t mldebt_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t mldebt_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t mldebt_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t mldebt_button5_pressed(void) { return BUTTON5_PRESSED; }

/// Sets one cell from a single code point with attributes and a color pair (0 = default).
static inline int mldebt_put_cell(int y, int x, wchar_t ch, attr_t attrs, short pair) {
  cchar_t cell;
  wchar_t text[2] = {ch, L'\0'};
  if (setcchar(&cell, text, attrs, pair, NULL) != OK) return ERR;
  return mvwadd_wch(stdscr, y, x, &cell);
}

/// Sets the locale's character type from the environment (LC_CTYPE only, so number parsing
/// stays locale-independent).
static inline void mldebt_setlocale_ctype(void) { setlocale(LC_CTYPE, ""); }

#endif
