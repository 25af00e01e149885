// The code object type: validation of unmarshalled fields and the 3.13 location table.
#include "vm/code.h"

#include <atomic>
#include <cctype>
#include <cstring>
#include <mutex>
#include <vector>

#include "alloc/heap.h"
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/set.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "objects/weakref.h"
#include "vm/attr_cache.h"
#include "vm/global_cache.h"
#include "vm/instrument.h"
#include "vm/sync/mutex.h"
#include "vm/verify.h"

namespace pyvm {

// CPython interns a code object's names and its string constants made only of name characters (recursively in
// tuples) when it creates the object: identity checks and marshal's output (TYPE_SHORT_ASCII_INTERNED, FLAG_REF)
// depend on it. The tuples are fresh (from the compiler or the unmarshaller), so replacing items is safe.
static bool all_name_chars(Object* s) {
  if (!str_is_ascii(s)) return false;
  const char* p = static_cast<const char*>(str_data(s));
  for (ssize i = 0; i < str_length(s); i++)
    if (!(isalnum(static_cast<unsigned char>(p[i])) || p[i] == '_')) return false;
  return true;
}

static bool intern_strings(Object* t, bool constants) {
  for (ssize i = 0; i < tuple_size(t); i++) {
    Object* v = tuple_get(t, i);
    if (type_of(v) == &str_type) {
      if (str_is_interned(v) || (constants && !all_name_chars(v))) continue;
      Object* r = str_intern(newref(v));
      if (!r) return false;
      tuple_items(t)[i] = r;
      decref(v);
    } else if (constants && type_of(v) == &tuple_type) {
      if (!intern_strings(v, true)) return false;
    } else if (constants && type_of(v) == &frozenset_type) {
      // A frozenset cannot be changed in place: rebuild it from its items with the strings interned.
      ORef items = steal(sequence_tuple(v));
      if (!items) return false;
      bool changed = false;
      for (ssize j = 0; j < tuple_size(items.get()); j++) {
        Object* w = tuple_get(items.get(), j);
        changed |= type_of(w) == &str_type && !str_is_interned(w) && all_name_chars(w);
      }
      if (!changed) continue;
      if (!intern_strings(items.get(), true)) return false;
      Object* fs = frozenset_new(items.get());
      if (!fs) return false;
      tuple_items(t)[i] = fs;
      decref(v);
    }
  }
  return true;
}

static Object* interned(Object* s) { return type_of(s) == &str_type ? str_intern(newref(s)) : newref(s); }

Object* code_new(int argcount, int posonlyargcount, int kwonlyargcount, int stacksize, int flags, Object* code,
                 Object* consts, Object* names, Object* localsplusnames, Object* localspluskinds, Object* filename,
                 Object* name, Object* qualname, int firstlineno, Object* linetable, Object* exceptiontable,
                 bool allow_empty) {
  auto bad = [](const char* what) {
    return set_errorf(&exc_ValueError, "bad marshal data (invalid code object: {})", what);
  };
  if (!type_check(code, &bytes_type) || bytes_size(code) % 2) return bad("co_code");
  if (!type_check(consts, &tuple_type)) return bad("co_consts");
  if (!type_check(names, &tuple_type)) return bad("co_names");
  if (!type_check(localsplusnames, &tuple_type)) return bad("co_localsplusnames");
  if (!type_check(localspluskinds, &bytes_type) || bytes_size(localspluskinds) != tuple_size(localsplusnames))
    return bad("co_localspluskinds");
  if (!type_check(filename, &str_type) || !type_check(name, &str_type) || !type_check(qualname, &str_type))
    return bad("names");
  if (!type_check(linetable, &bytes_type) || !type_check(exceptiontable, &bytes_type)) return bad("tables");
  for (ssize i = 0; i < tuple_size(names); i++)
    if (!type_check(tuple_get(names, i), &str_type)) return bad("co_names item");
  for (ssize i = 0; i < tuple_size(localsplusnames); i++)
    if (!type_check(tuple_get(localsplusnames, i), &str_type)) return bad("co_localsplusnames item");
  if (argcount < 0 || posonlyargcount < 0 || kwonlyargcount < 0 || stacksize < 0 || stacksize > (1 << 20))
    return bad("counts");
  int nlocalsplus = int(tuple_size(localsplusnames));
  int total_args = argcount + kwonlyargcount + ((flags & kCoVarargs) ? 1 : 0) + ((flags & kCoVarkeywords) ? 1 : 0);
  if (total_args > nlocalsplus || posonlyargcount > argcount) return bad("argument counts");

  if (!intern_strings(names, false) || !intern_strings(localsplusnames, false) || !intern_strings(consts, true))
    return nullptr;
  auto* co = reinterpret_cast<CodeObject*>(new_object(&code_type, sizeof(CodeObject)));
  if (!co) return nullptr;
  co->argcount = argcount;
  co->posonlyargcount = posonlyargcount;
  co->kwonlyargcount = kwonlyargcount;
  co->stacksize = stacksize;
  co->flags = flags;
  co->firstlineno = firstlineno;
  co->nlocalsplus = nlocalsplus;
  const uint8_t* kinds = reinterpret_cast<const uint8_t*>(bytes_data(localspluskinds));
  for (int i = 0; i < nlocalsplus; i++) {
    if (kinds[i] & kFastLocal) co->nlocals++;
    if (kinds[i] & kFastCell) co->ncellvars++;
    if (kinds[i] & kFastFree) co->nfreevars++;
  }
  co->code = newref(code);
  co->consts = newref(consts);
  co->names = newref(names);
  co->localsplusnames = newref(localsplusnames);
  co->localspluskinds = newref(localspluskinds);
  co->filename = interned(filename);
  co->name = interned(name);
  co->qualname = interned(qualname);
  if (!co->filename || !co->name || !co->qualname) {
    decref(reinterpret_cast<Object*>(co));
    return nullptr;
  }
  co->linetable = newref(linetable);
  co->exceptiontable = newref(exceptiontable);
  co->ninstrs = bytes_size(code) / 2;
  co->instrs = static_cast<uint16_t*>(alloc::raw_alloc(size_t(co->ninstrs) * 2 + 2));
  std::memcpy(co->instrs, bytes_data(code), size_t(co->ninstrs) * 2);
  co->no_bytecode = allow_empty && co->ninstrs == 0;
  if (!co->no_bytecode && !verify_code(co)) {
    decref(reinterpret_cast<Object*>(co));
    return nullptr;
  }
  global_cache::number_sites(co);
  attr_cache::number_sites(co);
  return reinterpret_cast<Object*>(co);
}

static void code_extra_free_all(CodeObject* co);

static void code_dealloc(Object* o) {
  CodeObject* co = as_code(o);
  code_extra_free_all(co);
  clear_weakrefs(o);
  instrument::release_code_data(co);
  global_cache::release(co);
  attr_cache::release(co);
  xdecref(co->code);
  xdecref(co->consts);
  xdecref(co->names);
  xdecref(co->localsplusnames);
  xdecref(co->localspluskinds);
  xdecref(co->filename);
  xdecref(co->name);
  xdecref(co->qualname);
  xdecref(co->linetable);
  xdecref(co->exceptiontable);
  alloc::raw_free(co->instrs);
  object_free(o);
}

// ---- location table (PEP 626 / 3.11+ format) ----

namespace {
struct Reader {
  const uint8_t* p;
  const uint8_t* end;
  bool ok() const { return p < end; }
  unsigned varint() {
    unsigned r = 0, shift = 0;
    while (p < end) {
      uint8_t b = *p++;
      r |= unsigned(b & 63) << shift;
      if (!(b & 64)) break;
      shift += 6;
      if (shift > 28) break;
    }
    return r;
  }
  int svarint() {
    unsigned v = varint();
    return (v & 1) ? -int(v >> 1) : int(v >> 1);
  }
};
}  // namespace

// Walks the location table, calling fn(start, length, line, end_line, col, end_col) for each entry (code-unit
// indices; -1 for what is unknown) until fn returns false.
template <class F>
static void for_each_location(CodeObject* co, F fn) {
  Reader r{reinterpret_cast<const uint8_t*>(bytes_data(co->linetable)),
           reinterpret_cast<const uint8_t*>(bytes_data(co->linetable)) + bytes_size(co->linetable)};
  int addr = 0;
  int cur_line = co->firstlineno;
  while (r.ok()) {
    uint8_t first = *r.p++;
    int code = (first >> 3) & 15;
    int len = (first & 7) + 1;
    int l = -1, el = -1, c = -1, ec = -1;
    if (code == 15) {
      // no location
    } else if (code == 14) {
      cur_line += r.svarint();
      l = cur_line;
      el = l + int(r.varint());
      c = int(r.varint()) - 1;
      ec = int(r.varint()) - 1;
    } else if (code == 13) {
      cur_line += r.svarint();
      l = el = cur_line;
    } else if (code >= 10) {
      cur_line += code - 10;
      l = el = cur_line;
      if (r.ok()) c = *r.p++;
      if (r.ok()) ec = *r.p++;
    } else {
      l = el = cur_line;
      if (r.ok()) {
        uint8_t second = *r.p++;
        c = code * 8 + ((second >> 4) & 7);
        ec = c + (second & 15);
      }
    }
    if (!fn(addr, len, l, el, c, ec)) return;
    addr += len;
  }
}

bool code_addr_to_location(CodeObject* co, int index, int* line, int* end_line, int* col, int* end_col) {
  *line = *end_line = *col = *end_col = -1;
  bool found = false;
  for_each_location(co, [&](int start, int len, int l, int el, int c, int ec) {
    if (index < start || index >= start + len) return true;
    *line = l;
    *end_line = el;
    *col = c;
    *end_col = ec;
    found = l >= 0;
    return false;
  });
  return found;
}

int code_addr_to_line(CodeObject* co, int index) {
  int l, el, c, ec;
  code_addr_to_location(co, index, &l, &el, &c, &ec);
  return l;
}

std::vector<int32_t> code_line_array(CodeObject* co) {
  std::vector<int32_t> out(size_t(co->ninstrs), -1);
  for_each_location(co, [&](int start, int len, int l, int, int, int) {
    for (int i = start; i < start + len && i < co->ninstrs; i++)
      if (i >= 0) out[size_t(i)] = l;
    return true;
  });
  return out;
}

// ---- attributes ----

// CPython declares these as read-only members ("readonly attribute" on assignment).
constexpr int kMemberInt = 1;     // Py_T_INT
constexpr int kMemberObject = 6;  // Py_T_OBJECT
constexpr int kReadonly = 1;      // Py_READONLY
#define CODE_INT(name, field) \
  { name, kMemberInt, offsetof(CodeObject, field), kReadonly, nullptr }
#define CODE_OBJ(name, field) \
  { name, kMemberObject, offsetof(CodeObject, field), kReadonly, nullptr }
static PyMemberDef code_members[] = {CODE_INT("co_argcount", argcount),
                                     CODE_INT("co_posonlyargcount", posonlyargcount),
                                     CODE_INT("co_kwonlyargcount", kwonlyargcount),
                                     CODE_INT("co_stacksize", stacksize),
                                     CODE_INT("co_flags", flags),
                                     CODE_INT("co_nlocals", nlocals),
                                     CODE_INT("co_firstlineno", firstlineno),
                                     CODE_OBJ("co_consts", consts),
                                     CODE_OBJ("co_names", names),
                                     CODE_OBJ("co_filename", filename),
                                     CODE_OBJ("co_name", name),
                                     CODE_OBJ("co_qualname", qualname),
                                     CODE_OBJ("co_linetable", linetable),
                                     CODE_OBJ("co_exceptiontable", exceptiontable),
                                     {nullptr, 0, 0, 0, nullptr}};
#undef CODE_INT
#undef CODE_OBJ

Object* code_names_with_kind(CodeObject* co, uint8_t kind) {
  const uint8_t* kinds = reinterpret_cast<const uint8_t*>(bytes_data(co->localspluskinds));
  ssize n = 0;
  for (int i = 0; i < co->nlocalsplus; i++) n += (kinds[i] & kind) != 0;
  Object* t = tuple_new(n);
  if (!t) return nullptr;
  ssize j = 0;
  for (int i = 0; i < co->nlocalsplus; i++)
    if (kinds[i] & kind) tuple_set(t, j++, newref(tuple_get(co->localsplusnames, i)));
  return t;
}
static Object* code_get_varnames(Object* o, void*) { return code_names_with_kind(as_code(o), kFastLocal); }
static Object* code_get_cellvars(Object* o, void*) { return code_names_with_kind(as_code(o), kFastCell); }
static Object* code_get_freevars(Object* o, void*) { return code_names_with_kind(as_code(o), kFastFree); }
static Object* code_get_code(Object* o, void*) { return newref(as_code(o)->code); }

static PyGetSetDef code_getset[] = {{"co_varnames", code_get_varnames, nullptr, nullptr, nullptr},
                                    {"co_cellvars", code_get_cellvars, nullptr, nullptr, nullptr},
                                    {"co_freevars", code_get_freevars, nullptr, nullptr, nullptr},
                                    {"co_code", code_get_code, nullptr, nullptr, nullptr},
                                    {"_co_code_adaptive", code_get_code, nullptr, nullptr, nullptr},
                                    {nullptr, nullptr, nullptr, nullptr, nullptr}};

static Object* int_or_none(int v) { return v < 0 ? newref(none()) : int_from_i64(v); }

// co_lines(): (start, end, line) byte ranges, consecutive entries on the same line merged; line None when unknown.
static Object* code_co_lines(Object* o, Object*) {
  CodeObject* co = as_code(o);
  ORef out = steal(list_new(0));
  if (!out) return nullptr;
  int start = -1, end = 0, line = -2;
  bool ok = true;
  auto flush = [&] {
    if (start < 0) return true;
    ORef t = steal(tuple_new(3));
    if (!t) return false;
    tuple_set(t.get(), 0, int_from_i64(start * 2));
    tuple_set(t.get(), 1, int_from_i64(end * 2));
    tuple_set(t.get(), 2, int_or_none(line));
    return list_append(out.get(), t.get()) == 0;
  };
  for_each_location(co, [&](int s, int len, int l, int, int, int) {
    if (start >= 0 && l == line) {
      end = s + len;
      return true;
    }
    if (!flush()) return ok = false;
    start = s;
    end = s + len;
    line = l;
    return true;
  });
  if (!ok || !flush()) return nullptr;
  return get_iter(out.get());
}

// co_positions(): (line, end_line, col, end_col) for every code unit, None where unknown.
static Object* code_co_positions(Object* o, Object*) {
  CodeObject* co = as_code(o);
  ORef out = steal(list_new(0));
  if (!out) return nullptr;
  bool ok = true;
  for_each_location(co, [&](int, int len, int l, int el, int c, int ec) {
    for (int i = 0; i < len; i++) {
      ORef t = steal(tuple_new(4));
      if (!t) return ok = false;
      tuple_set(t.get(), 0, int_or_none(l));
      tuple_set(t.get(), 1, int_or_none(el));
      tuple_set(t.get(), 2, int_or_none(c));
      tuple_set(t.get(), 3, int_or_none(ec));
      if (list_append(out.get(), t.get()) < 0) return ok = false;
    }
    return true;
  });
  if (!ok) return nullptr;
  return get_iter(out.get());
}

bool code_localsplus_from_vars(Object* varnames, Object* cellvars, Object* freevars, ORef* names, ORef* kinds) {
  ssize nv = tuple_size(varnames), nc = tuple_size(cellvars), nf = tuple_size(freevars);
  std::vector<Object*> nm;
  std::vector<uint8_t> kd;
  for (ssize i = 0; i < nv; i++) {
    nm.push_back(tuple_get(varnames, i));
    kd.push_back(kFastLocal);
  }
  for (ssize i = 0; i < nc; i++) {
    Object* name = tuple_get(cellvars, i);
    ssize j = 0;
    for (; j < nv; j++)
      if (str_equal(tuple_get(varnames, j), name)) break;
    if (j < nv) {
      kd[size_t(j)] |= kFastCell;
      continue;
    }
    nm.push_back(name);
    kd.push_back(kFastCell);
  }
  for (ssize i = 0; i < nf; i++) {
    nm.push_back(tuple_get(freevars, i));
    kd.push_back(kFastFree);
  }
  *names = steal(tuple_from_array(nm.data(), ssize(nm.size())));
  *kinds = steal(bytes_from(reinterpret_cast<const char*>(kd.data()), ssize(kd.size())));
  return *names && *kinds;
}

// code.replace(**changes) / copy.replace: a new code object with the given co_* fields changed.
static Object* code_replace(Object* o, Object* const* args, ssize nargs, Object* kwnames) {
  CodeObject* co = as_code(o);
  enum {
    kArgc,
    kPosonly,
    kKwonly,
    kNlocals,
    kStack,
    kFlags,
    kFirst,
    kCode,
    kConsts,
    kNames,
    kVarnames,
    kFreevars,
    kCellvars,
    kFilename,
    kName,
    kQualname,
    kLinetable,
    kExctable,
    kCount
  };
  Object* a[kCount];
  if (!parse_args(
          "replace", args, nargs, kwnames,
          {"$co_argcount", "$co_posonlyargcount", "$co_kwonlyargcount", "$co_nlocals", "$co_stacksize", "$co_flags",
           "$co_firstlineno", "$co_code", "$co_consts", "$co_names", "$co_varnames", "$co_freevars", "$co_cellvars",
           "$co_filename", "$co_name", "$co_qualname", "$co_linetable", "$co_exceptiontable"},
          0, a))
    return nullptr;
  static const char* const kArgNames[] = {"co_argcount",  "co_posonlyargcount", "co_kwonlyargcount", "co_nlocals",
                                          "co_stacksize", "co_flags",           "co_firstlineno",    "co_code",
                                          "co_consts",    "co_names",           "co_varnames",       "co_freevars",
                                          "co_cellvars",  "co_filename",        "co_name",           "co_qualname",
                                          "co_linetable", "co_exceptiontable"};
  int ints[kCode] = {co->argcount,  co->posonlyargcount, co->kwonlyargcount, co->nlocals,
                     co->stacksize, co->flags,           co->firstlineno};
  for (int i = 0; i < kCode; i++) {
    if (!a[i]) continue;
    if (!type_check(a[i], &int_type))
      return set_errorf(&exc_TypeError, "replace() argument '{}' must be int, not {}", kArgNames[i], type_name(a[i]));
    int overflow = 0;
    int64_t v = int_as_i64(a[i], &overflow);
    if (overflow || v > INT32_MAX || v < INT32_MIN)
      return set_error(&exc_OverflowError, "Python int too large to convert to C int");
    ints[i] = int(v);
  }
  auto check = [&](int i, Type* t) {
    if (!a[i] || type_check(a[i], t)) return true;
    set_errorf(&exc_TypeError, "replace() argument '{}' must be {}, not {}", kArgNames[i], t->tp_name, type_name(a[i]));
    return false;
  };
  if (!check(kCode, &bytes_type) || !check(kConsts, &tuple_type) || !check(kNames, &tuple_type) ||
      !check(kVarnames, &tuple_type) || !check(kFreevars, &tuple_type) || !check(kCellvars, &tuple_type) ||
      !check(kFilename, &str_type) || !check(kName, &str_type) || !check(kQualname, &str_type) ||
      !check(kLinetable, &bytes_type) || !check(kExctable, &bytes_type))
    return nullptr;
  ORef lpnames = borrow(co->localsplusnames), lpkinds = borrow(co->localspluskinds);
  ORef varnames = steal(a[kVarnames] ? newref(a[kVarnames]) : code_names_with_kind(co, kFastLocal));
  if (!varnames) return nullptr;
  if (a[kVarnames] || a[kFreevars] || a[kCellvars]) {
    ORef cellvars = steal(a[kCellvars] ? newref(a[kCellvars]) : code_names_with_kind(co, kFastCell));
    ORef freevars = steal(a[kFreevars] ? newref(a[kFreevars]) : code_names_with_kind(co, kFastFree));
    if (!cellvars || !freevars) return nullptr;
    if (!code_localsplus_from_vars(varnames.get(), cellvars.get(), freevars.get(), &lpnames, &lpkinds)) return nullptr;
  }
  if (ints[kNlocals] != tuple_size(varnames.get()))
    return set_error(&exc_ValueError, "code: co_nlocals != len(co_varnames)");
  auto pick = [&](int i, Object* cur) { return a[i] ? a[i] : cur; };
  return code_new(ints[kArgc], ints[kPosonly], ints[kKwonly], ints[kStack], ints[kFlags], pick(kCode, co->code),
                  pick(kConsts, co->consts), pick(kNames, co->names), lpnames.get(), lpkinds.get(),
                  pick(kFilename, co->filename), pick(kName, co->name), pick(kQualname, co->qualname), ints[kFirst],
                  pick(kLinetable, co->linetable), pick(kExctable, co->exceptiontable),
                  /*allow_empty=*/co->no_bytecode);  // code without bytecode stays so unless given some
}

// code._varname_from_oparg(oparg): the name of local-plus slot `oparg` (dis uses it to show LOAD_FAST's name).
static Object* code_varname_from_oparg(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* v[1] = {};
  if (!parse_args("_varname_from_oparg", args, nargs, kwnames, {"oparg"}, 1, v)) return nullptr;
  ssize oparg = number_as_ssize(v[0], &exc_OverflowError);
  if (oparg == -1 && error_occurred()) return nullptr;
  Object* names = as_code(self)->localsplusnames;
  if (oparg < 0 || oparg >= tuple_size(names)) return set_error(&exc_IndexError, "tuple index out of range");
  return newref(tuple_get(names, oparg));
}

static PyMethodDef code_methods[] = {
    {"_varname_from_oparg", reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(code_varname_from_oparg)),
     METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"co_lines", code_co_lines, METH_NOARGS, nullptr},
    {"co_positions", code_co_positions, METH_NOARGS, nullptr},
    {"replace", reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(code_replace)), METH_FASTCALL | METH_KEYWORDS,
     nullptr},
    {"__replace__", reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(code_replace)), METH_FASTCALL | METH_KEYWORDS,
     nullptr},
    {nullptr, nullptr, 0, nullptr}};

// ---- equality and hash: two code objects are equal when they would run the same way ----

static int code_equal(CodeObject* a, CodeObject* b);

// Constants compare by type as well as value (1, 1.0 and True differ; so do 0.0 and -0.0), like CPython's
// constant keys.
static int const_equal(Object* a, Object* b) {
  if (a == b) return 1;
  if (type_of(a) != type_of(b)) return 0;
  Type* t = type_of(a);
  if (t == &tuple_type) {
    if (tuple_size(a) != tuple_size(b)) return 0;
    for (ssize i = 0; i < tuple_size(a); i++) {
      int r = const_equal(tuple_get(a, i), tuple_get(b, i));
      if (r <= 0) return r;
    }
    return 1;
  }
  if (t == &float_type) {
    double x = float_value(a), y = float_value(b);
    return std::memcmp(&x, &y, sizeof x) == 0;
  }
  if (t == &complex_type) {
    Py_complex x = complex_value(a), y = complex_value(b);
    return std::memcmp(&x.real, &y.real, sizeof(double)) == 0 && std::memcmp(&x.imag, &y.imag, sizeof(double)) == 0;
  }
  if (t == &code_type) return code_equal(as_code(a), as_code(b));
  return rich_compare_bool(a, b, Py_EQ);
}

static int code_equal(CodeObject* a, CodeObject* b) {
  if (a == b) return 1;
  if (a->argcount != b->argcount || a->posonlyargcount != b->posonlyargcount ||
      a->kwonlyargcount != b->kwonlyargcount || a->flags != b->flags || a->firstlineno != b->firstlineno)
    return 0;
  Object* pairs[][2] = {{a->name, b->name},           {a->code, b->code},
                        {a->names, b->names},         {a->localsplusnames, b->localsplusnames},
                        {a->linetable, b->linetable}, {a->exceptiontable, b->exceptiontable}};
  for (auto& p : pairs) {
    int r = rich_compare_bool(p[0], p[1], Py_EQ);
    if (r <= 0) return r;
  }
  return const_equal(a->consts, b->consts);
}

static Object* code_richcompare(Object* a, Object* b, int op) {
  if ((op != Py_EQ && op != Py_NE) || type_of(b) != &code_type) return newref(not_implemented());
  int r = code_equal(as_code(a), as_code(b));
  if (r < 0) return nullptr;
  return newref(bool_obj((r == 1) == (op == Py_EQ)));
}

// Hashes the fields code_equal compares, except the constants (equal code objects still hash alike).
static hash_t code_hash(Object* o) {
  CodeObject* co = as_code(o);
  uint64_t h = 20221211;
  auto mix = [&h](uint64_t v) { h = (h ^ v) * 1000003u; };
  for (Object* field : {co->name, co->code, co->names, co->localsplusnames, co->linetable, co->exceptiontable}) {
    hash_t fh = object_hash(field);
    if (fh == -1) return -1;
    mix(uint64_t(fh));
  }
  for (int v : {co->argcount, co->posonlyargcount, co->kwonlyargcount, co->flags, co->firstlineno}) mix(uint64_t(v));
  hash_t r = hash_t(h);
  return r == -1 ? -2 : r;
}

static Object* code_repr(Object* o) {
  CodeObject* co = as_code(o);
  int line = co->firstlineno;
  return str_from_utf8(fmt::format("<code object {} at {}, file \"{}\", line {}>", str_view(co->name),
                                   static_cast<void*>(o), str_view(co->filename), line));
}

// ---- extensions' data (the thread contract is in code.h) ----

namespace {
struct CodeExtra {
  ssize size;        // slots; fixed for the life of the block
  void* values[1];   // `size` of them
};
CodeExtra* extra_alloc(ssize size) {
  auto* b = static_cast<CodeExtra*>(alloc::raw_calloc(1, offsetof(CodeExtra, values) + size_t(size) * sizeof(void*)));
  if (b) b->size = size;
  return b;
}
std::mutex g_extra_lock;  // serialises code_extra_request_index
std::atomic<ssize> g_extra_count{0};
void (*g_extra_free[kMaxCodeExtraIndices])(void*);  // entry i is written once, before g_extra_count passes i
}  // namespace

ssize code_extra_request_index(void (*free)(void*)) {
  std::lock_guard<std::mutex> hold(g_extra_lock);
  ssize i = g_extra_count.load(std::memory_order_relaxed);
  if (i >= kMaxCodeExtraIndices) return -1;
  g_extra_free[i] = free;
  g_extra_count.store(i + 1, std::memory_order_release);
  return i;
}

ssize code_extra_count() { return g_extra_count.load(std::memory_order_acquire); }

void* code_extra_get(CodeObject* co, ssize index) {
  auto* b = static_cast<CodeExtra*>(__atomic_load_n(&co->extra, __ATOMIC_ACQUIRE));
  if (!b || index < 0 || index >= b->size) return nullptr;
  return __atomic_load_n(&b->values[index], __ATOMIC_ACQUIRE);
}

int code_extra_set(CodeObject* co, ssize index, void* value) {
  void* old;
  {
    sync::CriticalSection cs(reinterpret_cast<Object*>(co));
    auto* b = static_cast<CodeExtra*>(co->extra);
    if (!b || index >= b->size) {
      // Grow to every index handed out so far (index is one of them), keeping the values already set.
      CodeExtra* grown = extra_alloc(code_extra_count());
      if (!grown) {
        no_memory();
        return -1;
      }
      if (b) std::memcpy(grown->values, b->values, size_t(b->size) * sizeof(void*));
      __atomic_store_n(&co->extra, static_cast<void*>(grown), __ATOMIC_RELEASE);
      if (b) alloc::release_deferred_raw(b);  // lock-free readers may still be reading the old block
      b = grown;
    }
    old = b->values[index];
    __atomic_store_n(&b->values[index], value, __ATOMIC_RELEASE);
  }
  // As CPython: each SetExtra hands over the value, so the one replaced is released even when it is the same pointer
  // (an extension storing references, with Py_DecRef as the free function, stores one per call). Outside the
  // section: the free function may run Python code.
  if (old && g_extra_free[index]) g_extra_free[index](old);
  return 0;
}

// The code object is dying: nobody else can reach it, so its block is read and freed directly.
static void code_extra_free_all(CodeObject* co) {
  auto* b = static_cast<CodeExtra*>(co->extra);
  if (!b) return;
  co->extra = nullptr;
  for (ssize i = 0; i < b->size; i++)
    if (b->values[i] && g_extra_free[i]) g_extra_free[i](b->values[i]);
  alloc::raw_free(b);
}

Type code_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "code",
    .tp_basicsize = sizeof(CodeObject),
    .tp_dealloc = code_dealloc,
    .tp_repr = code_repr,
    .tp_hash = code_hash,
    .tp_richcompare = code_richcompare,
    .tp_weaklistoffset = offsetof(CodeObject, weakreflist),
    .tp_methods = code_methods,
    .tp_members = code_members,
    .tp_getset = code_getset,
};

}  // namespace pyvm
