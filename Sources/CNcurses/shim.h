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

#include <langinfo.h>
#include <locale.h>
#include <ncurses.h>
#include <string.h>
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

/// Whether the character encoding the locale chose is UTF-8.
static inline int mldebt_locale_is_utf8(void) {
  const char *codeset = nl_langinfo(CODESET);
  return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

/// Sets one cell from a grapheme of up to `count` code points (a base and combining marks).
static inline int mldebt_put_grapheme(int y, int x, const wchar_t *text, int count, attr_t attrs,
                                      short pair) {
  cchar_t cell;
  wchar_t buffer[CCHARW_MAX + 1];
  int n = count < CCHARW_MAX ? count : CCHARW_MAX;
  for (int i = 0; i < n; i++) buffer[i] = text[i];
  buffer[n] = L'\0';
  if (setcchar(&cell, buffer, attrs, pair, NULL) != OK) return ERR;
  return mvwadd_wch(stdscr, y, x, &cell);
}

/// The key code of function key `n` (KEY_F(n) is a function-like macro).
static inline int mldebt_key_f(int n) { return KEY_F(n); }

/// Mouse wheel and motion masks that are macros.
static inline mmask_t mldebt_report_mouse_position(void) { return REPORT_MOUSE_POSITION; }

// term.h last: it defines many short lower-case macros (lines, columns, bell, …).
#include <fcntl.h>
#include <term.h>
#include <unistd.h>

/// Reads terminfo's entry for `term` without opening a screen: returns 1 and sets `colors`
/// (tigetnum, negative when absent) and `mouse` (whether kmous is described), or 0 when terminfo
/// has no entry. setupterm on /dev/null, then del_curterm, so nothing stays allocated and the
/// current terminal (if any) is put back. newterm is not used: when the entry is missing,
/// ncurses 6.4's newterm loses the screen it allocated first (1,624 bytes, LeakSanitizer).
static inline int mldebt_terminfo_probe(const char *term, int *colors, int *mouse) {
  int descriptor = open("/dev/null", O_WRONLY);
  if (descriptor < 0) return 0;
  TERMINAL *previous = cur_term;
  int status = 0;
  int found = setupterm(term, descriptor, &status) == OK && status == 1;
  if (found) {
    *colors = tigetnum("colors");
    const char *key = tigetstr("kmous");
    *mouse = key != NULL && key != (const char *)-1;
    del_curterm(cur_term);
  }
  set_curterm(previous);
  close(descriptor);
  return found;
}

#endif
