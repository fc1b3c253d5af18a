// The parts of Lua 5.4 that Swift cannot import directly (function-like macros and
// LUA_REGISTRYINDEX). Errors are only ever raised from C, never from Swift frames.
#ifndef MLDEBT_CLUA_SHIM_H
#define MLDEBT_CLUA_SHIM_H

#include <lua5.4/lua.h>
#include <lua5.4/lauxlib.h>
#include <lua5.4/lualib.h>

static inline int mldebt_lua_registryindex(void) { return LUA_REGISTRYINDEX; }
static inline int mldebt_lua_upvalueindex(int i) { return lua_upvalueindex(i); }
static inline void mldebt_lua_pop(lua_State *L, int n) { lua_pop(L, n); }
static inline int mldebt_lua_pcall(lua_State *L, int nargs, int nresults, int msgh) {
  return lua_pcall(L, nargs, nresults, msgh);
}
static inline const char *mldebt_lua_tostring(lua_State *L, int idx) { return lua_tolstring(L, idx, NULL); }
static inline void mldebt_lua_newtable(lua_State *L) { lua_newtable(L); }

#endif
