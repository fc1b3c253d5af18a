// The parts of Lua 5.4 that Swift cannot import directly (function-like macros and
// LUA_REGISTRYINDEX), plus the C half of MLDebtScript's engine.
//
// The rule this file enforces: a Lua error (a longjmp) never crosses a Swift frame.
// - Swift functions are called through `mldebt_trampoline`, a C function. The Swift side only
//   reads its arguments with calls that never raise or allocate, and describes its results as a
//   list of operations in a C buffer (`mldebt_out_*`). The trampoline replays those operations
//   (pushes, table builds, file opens) after the Swift frame has returned, and raises the error
//   itself when Swift asked for one.
// - Swift starts Lua work only through `mldebt_exec` and `mldebt_call`, which run everything,
//   pushes included, under `lua_pcall`.
// - The allocator counts bytes against a limit, and a count hook counts instructions. When a
//   limit is hit (or the script calls os.exit), the state is marked aborted; the sandbox's
//   pcall, xpcall and coroutine.resume re-raise, so a script cannot swallow the abort.
#ifndef MLDEBT_CLUA_SHIM_H
#define MLDEBT_CLUA_SHIM_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lua5.4/lauxlib.h>
#include <lua5.4/lua.h>
#include <lua5.4/lualib.h>

static inline int mldebt_lua_registryindex(void) { return LUA_REGISTRYINDEX; }
static inline int mldebt_lua_upvalueindex(int i) { return lua_upvalueindex(i); }
static inline void mldebt_lua_pop(lua_State *L, int n) { lua_pop(L, n); }
static inline int mldebt_lua_pcall(lua_State *L, int nargs, int nresults, int msgh) {
  return lua_pcall(L, nargs, nresults, msgh);
}
static inline const char *mldebt_lua_tostring(lua_State *L, int idx) { return lua_tolstring(L, idx, NULL); }
static inline void mldebt_lua_newtable(lua_State *L) { lua_newtable(L); }

// ---------------------------------------------------------------------------------------------
// Per-state bookkeeping, kept as the allocator's user data.

/// Why a script was stopped.
enum {
  MLDEBT_ABORT_NONE = 0,
  MLDEBT_ABORT_STEPS = 1,
  MLDEBT_ABORT_MEMORY = 2,
  MLDEBT_ABORT_EXIT = 3,
};

/// How many VM instructions run between two calls of the count hook.
#define MLDEBT_HOOK_PERIOD 1000

typedef int (*mldebt_dispatch_fn)(lua_State *L, int fn);

typedef struct mldebt_script {
  size_t used;        // bytes allocated now
  size_t peak;        // the most bytes allocated at once
  size_t mem_limit;   // 0: no limit
  long long steps;    // instructions run (in units of MLDEBT_HOOK_PERIOD)
  long long step_limit;  // 0: no limit
  int abort_kind;     // MLDEBT_ABORT_*
  int exit_code;
  char abort_message[256];
  void *ctx;          // the Swift context (unretained)
  mldebt_dispatch_fn dispatch;
  unsigned char *out; // the operation buffer Swift fills
  size_t out_len, out_cap;
  int out_failed;     // the buffer could not grow
} mldebt_script;

static inline mldebt_script *mldebt_script_of(lua_State *L) {
  void *ud = NULL;
  lua_getallocf(L, &ud);
  return (mldebt_script *)ud;
}

static inline void mldebt_abort(mldebt_script *s, int kind, const char *message) {
  if (s->abort_kind != MLDEBT_ABORT_NONE) return;
  s->abort_kind = kind;
  snprintf(s->abort_message, sizeof s->abort_message, "%s", message);
}

static void *mldebt_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  mldebt_script *s = (mldebt_script *)ud;
  size_t old = ptr ? osize : 0;
  if (nsize == 0) {
    free(ptr);
    s->used -= old;
    return NULL;
  }
  if (s->mem_limit && nsize > old && s->used - old + nsize > s->mem_limit) {
    char message[160];
    snprintf(message, sizeof message, "memory limit of %zu bytes exceeded", s->mem_limit);
    mldebt_abort(s, MLDEBT_ABORT_MEMORY, message);
    return NULL;
  }
  void *p = realloc(ptr, nsize);
  if (p == NULL) return NULL;
  s->used = s->used - old + nsize;
  if (s->used > s->peak) s->peak = s->used;
  return p;
}

static void mldebt_hook(lua_State *L, lua_Debug *ar) {
  (void)ar;
  mldebt_script *s = mldebt_script_of(L);
  s->steps += 1;
  if (s->abort_kind == MLDEBT_ABORT_NONE && s->step_limit
      && s->steps * MLDEBT_HOOK_PERIOD > s->step_limit) {
    char message[160];
    snprintf(message, sizeof message, "instruction limit of %lld exceeded", s->step_limit);
    mldebt_abort(s, MLDEBT_ABORT_STEPS, message);
  }
  if (s->abort_kind != MLDEBT_ABORT_NONE) luaL_error(L, "%s", s->abort_message);
}

/// Creates a state with a counting allocator. Returns NULL when out of memory.
static inline lua_State *mldebt_newstate(size_t mem_limit, long long step_limit) {
  mldebt_script *s = (mldebt_script *)calloc(1, sizeof(mldebt_script));
  if (s == NULL) return NULL;
  s->mem_limit = mem_limit;
  s->step_limit = step_limit;
  lua_State *L = lua_newstate(mldebt_alloc, s);
  if (L == NULL) {
    free(s);
    return NULL;
  }
  if (step_limit > 0) lua_sethook(L, mldebt_hook, LUA_MASKCOUNT, MLDEBT_HOOK_PERIOD);
  return L;
}

/// Closes a state made by `mldebt_newstate` (finalizers run, then the bookkeeping is freed).
static inline void mldebt_close(lua_State *L) {
  mldebt_script *s = mldebt_script_of(L);
  lua_close(L);
  free(s->out);
  free(s);
}

static inline void mldebt_set_context(lua_State *L, void *ctx, mldebt_dispatch_fn dispatch) {
  mldebt_script *s = mldebt_script_of(L);
  s->ctx = ctx;
  s->dispatch = dispatch;
}
static inline void *mldebt_context(lua_State *L) { return mldebt_script_of(L)->ctx; }
static inline int mldebt_abort_kind(lua_State *L) { return mldebt_script_of(L)->abort_kind; }
static inline const char *mldebt_abort_message(lua_State *L) {
  return mldebt_script_of(L)->abort_message;
}
static inline int mldebt_exit_code(lua_State *L) { return mldebt_script_of(L)->exit_code; }
static inline size_t mldebt_memory_used(lua_State *L) { return mldebt_script_of(L)->used; }
static inline long long mldebt_instructions(lua_State *L) {
  return mldebt_script_of(L)->steps * MLDEBT_HOOK_PERIOD;
}
/// Marks the state as exiting with `code`; the trampoline then unwinds the script.
static inline void mldebt_request_exit(lua_State *L, int code) {
  mldebt_script *s = mldebt_script_of(L);
  if (s->abort_kind != MLDEBT_ABORT_NONE) return;
  s->exit_code = code;
  mldebt_abort(s, MLDEBT_ABORT_EXIT, "os.exit");
}

// ---------------------------------------------------------------------------------------------
// The operation buffer: Swift appends, C replays under protection.

enum {
  MLDEBT_OP_NIL = 1,
  MLDEBT_OP_BOOL,
  MLDEBT_OP_INT,
  MLDEBT_OP_NUM,
  MLDEBT_OP_STR,
  MLDEBT_OP_TABLE,     // narr, nrec
  MLDEBT_OP_SETFIELD,  // t[k] = v with t, k, v on top; pops k and v
  MLDEBT_OP_SETI,      // t[i] = v with t, v on top; pops v
  MLDEBT_OP_OBJECT,    // a full userdata for a Swift object handle
  MLDEBT_OP_FN,        // a trampoline closure for a Swift function id
  MLDEBT_OP_OPENFILE,  // a read-only Lua file for a checked path: (file, nil) or (nil, message)
  MLDEBT_OP_LOAD,      // compiles text (mode "t"): (function, nil) or (nil, message)
  MLDEBT_OP_INTERNAL,  // a field of the registry's internal table
  MLDEBT_OP_PUSHVALUE, // a copy of a stack slot
};

static inline int mldebt_out_reserve(mldebt_script *s, size_t more) {
  if (s->out_failed) return 0;
  if (s->out_len + more <= s->out_cap) return 1;
  size_t cap = s->out_cap ? s->out_cap : 256;
  while (cap < s->out_len + more) cap *= 2;
  unsigned char *grown = (unsigned char *)realloc(s->out, cap);
  if (grown == NULL) {
    s->out_failed = 1;
    return 0;
  }
  s->out = grown;
  s->out_cap = cap;
  return 1;
}

static inline void mldebt_out_bytes(mldebt_script *s, const void *bytes, size_t n) {
  if (!mldebt_out_reserve(s, n)) return;
  memcpy(s->out + s->out_len, bytes, n);
  s->out_len += n;
}
/// Drops what Swift wrote so far (used when a Swift function fails half-way).
static inline void mldebt_out_reset(lua_State *L) {
  mldebt_script *s = mldebt_script_of(L);
  s->out_len = 0;
  s->out_failed = 0;
}
static inline void mldebt_out_op(lua_State *L, unsigned char op) {
  mldebt_out_bytes(mldebt_script_of(L), &op, 1);
}
static inline void mldebt_out_nil(lua_State *L) { mldebt_out_op(L, MLDEBT_OP_NIL); }
static inline void mldebt_out_bool(lua_State *L, int b) {
  unsigned char v = b ? 1 : 0;
  mldebt_out_op(L, MLDEBT_OP_BOOL);
  mldebt_out_bytes(mldebt_script_of(L), &v, 1);
}
static inline void mldebt_out_int(lua_State *L, long long i) {
  mldebt_out_op(L, MLDEBT_OP_INT);
  mldebt_out_bytes(mldebt_script_of(L), &i, sizeof i);
}
static inline void mldebt_out_num(lua_State *L, double d) {
  mldebt_out_op(L, MLDEBT_OP_NUM);
  mldebt_out_bytes(mldebt_script_of(L), &d, sizeof d);
}
static inline void mldebt_out_lstr_op(lua_State *L, unsigned char op, const char *p, size_t n) {
  mldebt_out_op(L, op);
  mldebt_out_bytes(mldebt_script_of(L), &n, sizeof n);
  mldebt_out_bytes(mldebt_script_of(L), p, n);
}
static inline void mldebt_out_str(lua_State *L, const char *p, size_t n) {
  mldebt_out_lstr_op(L, MLDEBT_OP_STR, p, n);
}
static inline void mldebt_out_table(lua_State *L, int narr, int nrec) {
  int sizes[2] = {narr, nrec};
  mldebt_out_op(L, MLDEBT_OP_TABLE);
  mldebt_out_bytes(mldebt_script_of(L), sizes, sizeof sizes);
}
static inline void mldebt_out_setfield(lua_State *L) { mldebt_out_op(L, MLDEBT_OP_SETFIELD); }
static inline void mldebt_out_seti(lua_State *L, long long i) {
  mldebt_out_op(L, MLDEBT_OP_SETI);
  mldebt_out_bytes(mldebt_script_of(L), &i, sizeof i);
}
static inline void mldebt_out_object(lua_State *L, long long handle) {
  mldebt_out_op(L, MLDEBT_OP_OBJECT);
  mldebt_out_bytes(mldebt_script_of(L), &handle, sizeof handle);
}
static inline void mldebt_out_fn(lua_State *L, int fn) {
  mldebt_out_op(L, MLDEBT_OP_FN);
  mldebt_out_bytes(mldebt_script_of(L), &fn, sizeof fn);
}
static inline void mldebt_out_openfile(lua_State *L, const char *path, size_t n) {
  mldebt_out_lstr_op(L, MLDEBT_OP_OPENFILE, path, n);
}
static inline void mldebt_out_load(
    lua_State *L, const char *text, size_t n, const char *name, size_t name_len) {
  mldebt_out_lstr_op(L, MLDEBT_OP_LOAD, text, n);
  mldebt_out_bytes(mldebt_script_of(L), &name_len, sizeof name_len);
  mldebt_out_bytes(mldebt_script_of(L), name, name_len);
}
static inline void mldebt_out_internal(lua_State *L, const char *name, size_t n) {
  mldebt_out_lstr_op(L, MLDEBT_OP_INTERNAL, name, n);
}
static inline void mldebt_out_pushvalue(lua_State *L, int idx) {
  mldebt_out_op(L, MLDEBT_OP_PUSHVALUE);
  mldebt_out_bytes(mldebt_script_of(L), &idx, sizeof idx);
}

/// The payload of every Swift object's userdata.
typedef struct mldebt_object {
  unsigned int magic;
  unsigned int reserved;
  long long handle;
  long long check;
} mldebt_object;
#define MLDEBT_OBJECT_MAGIC 0x6d6c6462u
#define MLDEBT_OBJECT_META "mldebt.object"
#define MLDEBT_INTERNAL "mldebt.internal"

/// Reads a Swift object's handle at `idx` without raising or allocating. Returns 1 if it is one.
static inline int mldebt_toobject(lua_State *L, int idx, long long *handle) {
  if (lua_type(L, idx) != LUA_TUSERDATA) return 0;
  if (lua_rawlen(L, idx) != sizeof(mldebt_object)) return 0;
  mldebt_object *o = (mldebt_object *)lua_touserdata(L, idx);
  if (o == NULL || o->magic != MLDEBT_OBJECT_MAGIC || o->check != ~o->handle) return 0;
  *handle = o->handle;
  return 1;
}

/// Reads a string at `idx` only if it already is one (no number conversion, so no allocation).
static inline const char *mldebt_tostring_raw(lua_State *L, int idx, size_t *len) {
  if (lua_type(L, idx) != LUA_TSTRING) return NULL;
  return lua_tolstring(L, idx, len);
}

static int mldebt_trampoline(lua_State *L);

static int mldebt_io_fclose(lua_State *L) {
  luaL_Stream *p = (luaL_Stream *)luaL_checkudata(L, 1, LUA_FILEHANDLE);
  int ok = fclose(p->f) == 0;
  return luaL_fileresult(L, ok, NULL);
}

static inline void mldebt_push_fn(lua_State *L, int fn) {
  lua_pushinteger(L, fn);
  lua_pushcclosure(L, mldebt_trampoline, 1);
}

/// Replays the operation buffer. Runs only where a Lua error is safe (inside a protected call,
/// with no Swift frame between it and the catching setjmp).
static inline void mldebt_replay(lua_State *L, mldebt_script *s) {
  if (s->out_failed) {
    s->out_len = 0;
    s->out_failed = 0;
    luaL_error(L, "out of memory building a result");
  }
  size_t len = s->out_len;
  // Copy the buffer into a Lua-owned block: replaying allocates, allocation can run finalizers,
  // and finalizers call Swift, which reuses the buffer. The block is anchored on the stack and
  // collected like any value, also when a push below raises.
  unsigned char *ops = (unsigned char *)lua_newuserdatauv(L, len ? len : 1, 0);
  memcpy(ops, s->out, len);
  s->out_len = 0;
  int anchor_idx = lua_gettop(L);
  size_t at = 0;
  while (at < len) {
    unsigned char op = ops[at++];
    luaL_checkstack(L, 4, "result too deep");
    switch (op) {
    case MLDEBT_OP_NIL: lua_pushnil(L); break;
    case MLDEBT_OP_BOOL: lua_pushboolean(L, ops[at++]); break;
    case MLDEBT_OP_INT: {
      long long i;
      memcpy(&i, ops + at, sizeof i);
      at += sizeof i;
      lua_pushinteger(L, (lua_Integer)i);
      break;
    }
    case MLDEBT_OP_NUM: {
      double d;
      memcpy(&d, ops + at, sizeof d);
      at += sizeof d;
      lua_pushnumber(L, d);
      break;
    }
    case MLDEBT_OP_STR:
    case MLDEBT_OP_OPENFILE:
    case MLDEBT_OP_INTERNAL:
    case MLDEBT_OP_LOAD: {
      size_t n;
      memcpy(&n, ops + at, sizeof n);
      at += sizeof n;
      const char *p = (const char *)(ops + at);
      at += n;
      if (op == MLDEBT_OP_STR) {
        lua_pushlstring(L, p, n);
      } else if (op == MLDEBT_OP_INTERNAL) {
        lua_getfield(L, LUA_REGISTRYINDEX, MLDEBT_INTERNAL);
        lua_pushlstring(L, p, n);
        lua_rawget(L, -2);
        lua_remove(L, -2);
      } else if (op == MLDEBT_OP_OPENFILE) {
        lua_pushlstring(L, p, n);  // a NUL-terminated copy of the path
        const char *path = lua_tostring(L, -1);
        luaL_Stream *stream = (luaL_Stream *)lua_newuserdatauv(L, sizeof(luaL_Stream), 0);
        stream->closef = NULL;
        stream->f = NULL;
        luaL_setmetatable(L, LUA_FILEHANDLE);
        stream->f = fopen(path, "rb");
        if (stream->f == NULL) {
          int err = errno;
          lua_pop(L, 1);
          lua_pushnil(L);
          lua_pushfstring(L, "%s: %s", path, strerror(err));
        } else {
          stream->closef = mldebt_io_fclose;
          lua_pushnil(L);
        }
        lua_remove(L, -3);  // the path copy
      } else {
        size_t name_len;
        memcpy(&name_len, ops + at, sizeof name_len);
        at += sizeof name_len;
        lua_pushlstring(L, (const char *)(ops + at), name_len);
        at += name_len;
        const char *name = lua_tostring(L, -1);
        int status = luaL_loadbufferx(L, p, n, name, "t");
        lua_remove(L, -2);  // the name
        if (status == LUA_OK) {
          lua_pushnil(L);
        } else {
          lua_pushnil(L);
          lua_insert(L, -2);  // nil, message
        }
      }
      break;
    }
    case MLDEBT_OP_TABLE: {
      int sizes[2];
      memcpy(sizes, ops + at, sizeof sizes);
      at += sizeof sizes;
      lua_createtable(L, sizes[0], sizes[1]);
      break;
    }
    case MLDEBT_OP_SETFIELD: lua_rawset(L, -3); break;
    case MLDEBT_OP_SETI: {
      long long i;
      memcpy(&i, ops + at, sizeof i);
      at += sizeof i;
      lua_rawseti(L, -2, (lua_Integer)i);
      break;
    }
    case MLDEBT_OP_OBJECT: {
      long long handle;
      memcpy(&handle, ops + at, sizeof handle);
      at += sizeof handle;
      mldebt_object *o = (mldebt_object *)lua_newuserdatauv(L, sizeof(mldebt_object), 0);
      o->magic = MLDEBT_OBJECT_MAGIC;
      o->reserved = 0;
      o->handle = handle;
      o->check = ~handle;
      luaL_setmetatable(L, MLDEBT_OBJECT_META);
      break;
    }
    case MLDEBT_OP_FN: {
      int fn;
      memcpy(&fn, ops + at, sizeof fn);
      at += sizeof fn;
      mldebt_push_fn(L, fn);
      break;
    }
    case MLDEBT_OP_PUSHVALUE: {
      int idx;
      memcpy(&idx, ops + at, sizeof idx);
      at += sizeof idx;
      lua_pushvalue(L, idx);
      break;
    }
    default:
      luaL_error(L, "corrupt result buffer (op %d)", (int)op);
    }
  }
  lua_remove(L, anchor_idx);
}

/// Calls the Swift dispatcher for function `fn`. Swift reads its arguments and fills the buffer;
/// this C function then pushes the results, or raises the error Swift described.
static int mldebt_trampoline(lua_State *L) {
  mldebt_script *s = mldebt_script_of(L);
  int fn = (int)lua_tointegerx(L, lua_upvalueindex(1), NULL);
  s->out_len = 0;
  s->out_failed = 0;
  int status = s->dispatch(L, fn);
  int base = lua_gettop(L);
  mldebt_replay(L, s);
  if (status < 0) {
    if (s->abort_kind != MLDEBT_ABORT_NONE) {
      lua_pushstring(L, s->abort_message);
      return lua_error(L);
    }
    // The message is the last value pushed; prefix the caller's position, as luaL_error does.
    luaL_where(L, 1);
    lua_insert(L, -2);
    lua_concat(L, 2);
    return lua_error(L);
  }
  return lua_gettop(L) - base;
}

/// `internal.abort_check(...)`: re-raises an abort (limit or os.exit) that a pcall caught;
/// otherwise returns its arguments.
static int mldebt_abort_check(lua_State *L) {
  mldebt_script *s = mldebt_script_of(L);
  if (s->abort_kind != MLDEBT_ABORT_NONE) {
    lua_pushstring(L, s->abort_message);
    return lua_error(L);
  }
  return lua_gettop(L);
}

/// The message handler: adds a traceback to string errors, leaves aborts alone.
static int mldebt_msgh(lua_State *L) {
  mldebt_script *s = mldebt_script_of(L);
  if (s->abort_kind != MLDEBT_ABORT_NONE) return 1;
  const char *msg = lua_type(L, 1) == LUA_TSTRING ? lua_tostring(L, 1) : NULL;
  if (msg == NULL) {
    if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) return 1;
    msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
  }
  luaL_traceback(L, L, msg, 1);
  return 1;
}

static int mldebt_replay_cfn(lua_State *L) {
  int base = lua_gettop(L);
  mldebt_replay(L, mldebt_script_of(L));
  return lua_gettop(L) - base;
}

/// Replays the buffer under protection, leaving what it pushed on the stack. Returns a Lua
/// status; on error the message is on top.
static inline int mldebt_exec(lua_State *L) {
  lua_pushcfunction(L, mldebt_replay_cfn);
  return lua_pcall(L, 0, LUA_MULTRET, 0);
}

/// Replays the buffer under protection (it must push a function and its arguments), then calls
/// that function under protection with a traceback handler. On success the results are above
/// `base + 1` (where `base` is the top before the call) and the handler is at `base + 1`; on
/// error the message is on top. Returns a Lua status.
static inline int mldebt_call(lua_State *L, int nresults) {
  int base = lua_gettop(L);
  lua_pushcfunction(L, mldebt_msgh);
  int status = mldebt_exec(L);
  if (status != LUA_OK) return status;
  int nargs = lua_gettop(L) - base - 2;
  if (nargs < 0) {
    lua_pushstring(L, "nothing to call");
    return LUA_ERRRUN;
  }
  return lua_pcall(L, nargs, nresults, base + 1);
}

/// Swift function ids the object metatable uses (ScriptFunction in Swift has the same values).
enum {
  MLDEBT_FN_INDEX = 1,
  MLDEBT_FN_GC = 2,
  MLDEBT_FN_TOSTRING = 3,
  MLDEBT_FN_EQ = 4,
};

/// Calls the function at stack index `idx` (with the value at `argidx` as its first argument
/// unless `argidx` is 0) and the arguments the buffer pushes, protected, with a traceback
/// handler. Results and errors are placed as for `mldebt_call`.
static inline int mldebt_call_value(lua_State *L, int idx, int argidx, int nresults) {
  idx = lua_absindex(L, idx);
  if (argidx != 0) argidx = lua_absindex(L, argidx);
  if (!lua_checkstack(L, 5)) return LUA_ERRMEM;  // (no message pushed)
  int base = lua_gettop(L);
  lua_pushcfunction(L, mldebt_msgh);
  lua_pushvalue(L, idx);
  if (argidx != 0) lua_pushvalue(L, argidx);
  int status = mldebt_exec(L);
  if (status != LUA_OK) return status;
  int nargs = lua_gettop(L) - base - 2;
  return lua_pcall(L, nargs, nresults, base + 1);
}

static int mldebt_setup_cfn(lua_State *L) {
  luaL_openlibs(L);
  luaL_newmetatable(L, MLDEBT_OBJECT_META);
  mldebt_push_fn(L, MLDEBT_FN_INDEX);
  lua_setfield(L, -2, "__index");
  mldebt_push_fn(L, MLDEBT_FN_GC);
  lua_setfield(L, -2, "__gc");
  mldebt_push_fn(L, MLDEBT_FN_TOSTRING);
  lua_setfield(L, -2, "__tostring");
  mldebt_push_fn(L, MLDEBT_FN_EQ);
  lua_setfield(L, -2, "__eq");
  lua_pushstring(L, "mldebt");
  lua_setfield(L, -2, "__metatable");
  lua_pop(L, 1);
  lua_newtable(L);
  lua_pushcfunction(L, mldebt_abort_check);
  lua_setfield(L, -2, "abort_check");
  lua_pushvalue(L, -1);
  lua_setfield(L, -2, "self");
  lua_setfield(L, LUA_REGISTRYINDEX, MLDEBT_INTERNAL);
  return 0;
}

/// Opens the standard libraries and creates the object metatable and the internal table, under
/// protection. Returns a Lua status.
static inline int mldebt_setup(lua_State *L) {
  lua_pushcfunction(L, mldebt_setup_cfn);
  return lua_pcall(L, 0, 0, 0);
}

#endif
