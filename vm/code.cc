// The code object type: validation of unmarshalled fields and the 3.13 location table.
#include "vm/code.h"

#include <cstring>

#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "objects/weakref.h"
#include "vm/verify.h"

namespace pyvm {

Object* code_new(int argcount, int posonlyargcount, int kwonlyargcount, int stacksize, int flags, Object* code,
                 Object* consts, Object* names, Object* localsplusnames, Object* localspluskinds, Object* filename,
                 Object* name, Object* qualname, int firstlineno, Object* linetable, Object* exceptiontable) {
  auto bad = [](const char* what) { return set_errorf(&exc_ValueError, "bad marshal data (invalid code object: {})", what); };
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
  co->filename = newref(filename);
  co->name = newref(name);
  co->qualname = newref(qualname);
  co->linetable = newref(linetable);
  co->exceptiontable = newref(exceptiontable);
  co->ninstrs = bytes_size(code) / 2;
  co->instrs = static_cast<uint16_t*>(alloc::raw_alloc(size_t(co->ninstrs) * 2 + 2));
  std::memcpy(co->instrs, bytes_data(code), size_t(co->ninstrs) * 2);
  if (!verify_code(co)) {
    decref(reinterpret_cast<Object*>(co));
    return nullptr;
  }
  return reinterpret_cast<Object*>(co);
}

static void code_dealloc(Object* o) {
  CodeObject* co = as_code(o);
  clear_weakrefs(o);
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

bool code_addr_to_location(CodeObject* co, int index, int* line, int* end_line, int* col, int* end_col) {
  *line = *end_line = *col = *end_col = -1;
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
    if (index >= addr && index < addr + len) {
      *line = l;
      *end_line = el;
      *col = c;
      *end_col = ec;
      return l >= 0;
    }
    addr += len;
  }
  return false;
}

int code_addr_to_line(CodeObject* co, int index) {
  int l, el, c, ec;
  code_addr_to_location(co, index, &l, &el, &c, &ec);
  return l;
}

// ---- attributes ----

#define CODE_OBJ_GETTER(field)                                   \
  static Object* code_get_##field(Object* o, void*) { return newref(as_code(o)->field); }
CODE_OBJ_GETTER(consts)
CODE_OBJ_GETTER(names)
CODE_OBJ_GETTER(filename)
CODE_OBJ_GETTER(name)
CODE_OBJ_GETTER(qualname)
CODE_OBJ_GETTER(code)
CODE_OBJ_GETTER(linetable)
CODE_OBJ_GETTER(exceptiontable)
#undef CODE_OBJ_GETTER
#define CODE_INT_GETTER(field) \
  static Object* code_get_##field(Object* o, void*) { return int_from_i64(as_code(o)->field); }
CODE_INT_GETTER(argcount)
CODE_INT_GETTER(posonlyargcount)
CODE_INT_GETTER(kwonlyargcount)
CODE_INT_GETTER(stacksize)
CODE_INT_GETTER(flags)
CODE_INT_GETTER(firstlineno)
CODE_INT_GETTER(nlocals)
#undef CODE_INT_GETTER

static Object* names_with_kind(Object* o, uint8_t kind) {
  CodeObject* co = as_code(o);
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
static Object* code_get_varnames(Object* o, void*) { return names_with_kind(o, kFastLocal); }
static Object* code_get_cellvars(Object* o, void*) { return names_with_kind(o, kFastCell); }
static Object* code_get_freevars(Object* o, void*) { return names_with_kind(o, kFastFree); }

static PyGetSetDef code_getset[] = {
    {"co_consts", code_get_consts, nullptr, nullptr, nullptr},
    {"co_names", code_get_names, nullptr, nullptr, nullptr},
    {"co_filename", code_get_filename, nullptr, nullptr, nullptr},
    {"co_name", code_get_name, nullptr, nullptr, nullptr},
    {"co_qualname", code_get_qualname, nullptr, nullptr, nullptr},
    {"co_code", code_get_code, nullptr, nullptr, nullptr},
    {"co_linetable", code_get_linetable, nullptr, nullptr, nullptr},
    {"co_exceptiontable", code_get_exceptiontable, nullptr, nullptr, nullptr},
    {"co_argcount", code_get_argcount, nullptr, nullptr, nullptr},
    {"co_posonlyargcount", code_get_posonlyargcount, nullptr, nullptr, nullptr},
    {"co_kwonlyargcount", code_get_kwonlyargcount, nullptr, nullptr, nullptr},
    {"co_stacksize", code_get_stacksize, nullptr, nullptr, nullptr},
    {"co_flags", code_get_flags, nullptr, nullptr, nullptr},
    {"co_firstlineno", code_get_firstlineno, nullptr, nullptr, nullptr},
    {"co_nlocals", code_get_nlocals, nullptr, nullptr, nullptr},
    {"co_varnames", code_get_varnames, nullptr, nullptr, nullptr},
    {"co_cellvars", code_get_cellvars, nullptr, nullptr, nullptr},
    {"co_freevars", code_get_freevars, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

static Object* code_repr(Object* o) {
  CodeObject* co = as_code(o);
  int line = co->firstlineno;
  return str_from_utf8(fmt::format("<code object {} at {}, file \"{}\", line {}>", str_view(co->name),
                                   static_cast<void*>(o), str_view(co->filename), line));
}

Type code_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "code",
    .tp_basicsize = sizeof(CodeObject),
    .tp_dealloc = code_dealloc,
    .tp_repr = code_repr,
    .tp_weaklistoffset = offsetof(CodeObject, weakreflist),
    .tp_getset = code_getset,
};

}  // namespace pyvm
