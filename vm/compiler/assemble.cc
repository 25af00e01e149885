// The assembler (CPython 3.13's assemble.c): final instruction order, jump offsets with EXTENDED_ARG, inline
// cache slots, the exception table, the location table, and the code object itself.
#include <string>

#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/code.h"
#include "vm/compiler/flowgraph.h"

namespace pyvm::compiler {

namespace {

struct AsmInstr {
  int opcode;
  int oparg;
  SrcLoc loc;
  int target;  // index into the instruction list, or -1
  int handler = -1;  // index of the handler's first instruction, or -1
  int handler_depth = 0;
  bool lasti = false;
  int offset = 0;
};

int ext_count(int oparg) { return (oparg > 0xffffff) + (oparg > 0xffff) + (oparg > 0xff); }
int instr_size(const AsmInstr& i) { return ext_count(i.oparg) + 1 + kOpcodeTable[i.opcode].cache_entries; }

void write_varint(std::string* out, unsigned v) {
  while (v >= 64) {
    out->push_back(char((v & 63) | 64));
    v >>= 6;
  }
  out->push_back(char(v));
}
void write_svarint(std::string* out, int v) { write_varint(out, v < 0 ? (unsigned(-v) << 1) | 1 : unsigned(v) << 1); }

struct LineWriter {
  std::string out;
  int lineno;
  void first(int code, int length) { out.push_back(char(0x80 | (code << 3) | (length - 1))); }
  void entry(SrcLoc loc, int isize) {
    if (loc.lineno < 0) {
      first(15, isize);
      return;
    }
    int line_delta = loc.lineno - lineno;
    int column = loc.col, end_column = loc.end_col;
    if (column < 0 || end_column < 0) {
      if (loc.end_lineno == loc.lineno || loc.end_lineno == -1) {
        first(13, isize);
        write_svarint(&out, line_delta);
        lineno = loc.lineno;
        return;
      }
    } else if (loc.end_lineno == loc.lineno) {
      if (line_delta == 0 && column < 80 && end_column - column < 16 && end_column >= column) {
        first(column >> 3, isize);
        out.push_back(char(((column & 7) << 4) | (end_column - column)));
        return;
      }
      if (line_delta >= 0 && line_delta < 3 && column < 128 && end_column < 128) {
        first(10 + line_delta, isize);
        out.push_back(char(column));
        out.push_back(char(end_column));
        lineno = loc.lineno;
        return;
      }
    }
    first(14, isize);
    write_svarint(&out, loc.lineno - lineno);
    write_varint(&out, unsigned(loc.end_lineno - loc.lineno));
    write_varint(&out, unsigned(loc.col + 1));
    write_varint(&out, unsigned(loc.end_col + 1));
    lineno = loc.lineno;
  }
  void emit(SrcLoc loc, int isize) {
    if (isize == 0) return;
    while (isize > 8) {
      entry(loc, 8);
      isize -= 8;
    }
    entry(loc, isize);
  }
};

void except_item(std::string* out, int value, int msb) {
  if (value >= 1 << 24) {
    out->push_back(char((value >> 24) | 64 | msb));
    msb = 0;
  }
  if (value >= 1 << 18) {
    out->push_back(char(((value >> 18) & 0x3f) | 64 | msb));
    msb = 0;
  }
  if (value >= 1 << 12) {
    out->push_back(char(((value >> 12) & 0x3f) | 64 | msb));
    msb = 0;
  }
  if (value >= 1 << 6) {
    out->push_back(char(((value >> 6) & 0x3f) | 64 | msb));
    msb = 0;
  }
  out->push_back(char((value & 0x3f) | msb));
}

Object* tuple_of_names(const std::vector<std::string>& names) {
  Ref<> t = steal(tuple_new(ssize(names.size())));
  if (!t) return nullptr;
  for (size_t i = 0; i < names.size(); i++) {
    Object* s = str_from_utf8(names[i]);
    if (!s) return nullptr;
    Object* interned = str_intern(s);
    if (!interned) return nullptr;
    tuple_set(t.get(), ssize(i), interned);
  }
  return t.release();
}

}  // namespace

Object* assemble_unit(CodeUnit* u, Object* filename, int code_flags, int) {
  Cfg g;
  if (!cfg_build(u, &g)) return nullptr;
  int nparams = int(u->ste->varnames.size());
  if (!cfg_optimize(u, &g, nparams)) return nullptr;
  int stackdepth = 0, nlocalsplus = 0;
  if (!cfg_finalize(u, &g, code_flags, &stackdepth, &nlocalsplus)) return nullptr;

  // Linearise.
  std::vector<AsmInstr> instrs;
  for (Block* b = g.entry; b; b = b->next) {
    b->offset = int(instrs.size());
    for (auto& in : b->instrs) instrs.push_back(AsmInstr{in.opcode, in.oparg, in.loc, -1});
  }
  {
    size_t k = 0;
    for (Block* b = g.entry; b; b = b->next)
      for (auto& in : b->instrs) {
        AsmInstr& a = instrs[k++];
        if (in.target) a.target = in.target->offset;
        if (in.except) {
          a.handler = in.except->offset;
          a.handler_depth = in.except->startdepth;
          a.lasti = in.except->preserve_lasti;
        }
      }
  }
  // Jump directions.
  for (size_t i = 0; i < instrs.size(); i++) {
    AsmInstr& in = instrs[i];
    bool fwd = in.target > int(i);
    if (in.opcode == kJump) in.opcode = fwd ? JUMP_FORWARD : JUMP_BACKWARD;
    if (in.opcode == kJumpNoInterrupt) in.opcode = fwd ? JUMP_FORWARD : JUMP_BACKWARD_NO_INTERRUPT;
    if (in.opcode >= 256) {
      set_errorf(&exc_SystemError, "compiler: pseudo-instruction {} left at assembly", in.opcode);
      return nullptr;
    }
  }
  // Jump offsets, growing EXTENDED_ARGs until stable.
  for (;;) {
    int tot = 0;
    for (auto& in : instrs) {
      in.offset = tot;
      tot += instr_size(in);
    }
    bool again = false;
    int offset = 0;
    for (auto& in : instrs) {
      int isize = instr_size(in);
      offset += isize;
      if (in.target >= 0) {
        int t = instrs[size_t(in.target)].offset;
        in.oparg = t < offset ? offset - t : t - offset;
        if (instr_size(in) != isize) again = true;
      }
    }
    if (!again) break;
  }
  // Code bytes.
  std::string code;
  for (auto& in : instrs) {
    int n = ext_count(in.oparg);
    for (int k = n; k > 0; k--) {
      code.push_back(char(EXTENDED_ARG));
      code.push_back(char((in.oparg >> (8 * k)) & 0xff));
    }
    code.push_back(char(in.opcode));
    code.push_back(char(in.oparg & 0xff));
    for (int c = 0; c < kOpcodeTable[in.opcode].cache_entries; c++) {
      code.push_back(0);
      code.push_back(0);
    }
  }
  // Exception table.
  std::string etab;
  {
    int handler = -1, depth = 0, start = -1;
    bool lasti = false;
    int ioffset = 0;
    auto flush = [&](int end) {
      if (handler < 0) return;
      int d = depth - 1 - (lasti ? 1 : 0);
      except_item(&etab, start, 1 << 7);
      except_item(&etab, end - start, 0);
      except_item(&etab, instrs[size_t(handler)].offset, 0);
      except_item(&etab, (d << 1) | (lasti ? 1 : 0), 0);
    };
    for (auto& in : instrs) {
      if (in.handler != handler) {
        flush(ioffset);
        start = ioffset;
        handler = in.handler;
        depth = in.handler_depth;
        lasti = in.lasti;
      }
      ioffset += instr_size(in);
    }
    flush(ioffset);
  }
  // Location table.
  LineWriter lw{std::string(), u->meta.firstlineno};
  {
    SrcLoc loc = kNoLoc;
    int size = 0;
    for (auto& in : instrs) {
      if (!(in.loc == loc)) {
        lw.emit(loc, size);
        loc = in.loc;
        size = 0;
      }
      size += instr_size(in);
    }
    lw.emit(loc, size);
  }
  // localsplus
  auto& m = u->meta;
  std::vector<std::string> lpnames(static_cast<size_t>(nlocalsplus));
  std::string kinds(static_cast<size_t>(nlocalsplus), '\0');
  int nlocals = m.varnames.size();
  for (int i = 0; i < nlocals; i++) {
    const std::string& k = m.varnames.names()[size_t(i)];
    uint8_t kind = kFastLocal;
    if (m.fasthidden.count(k)) kind |= kFastHidden;
    if (m.cellvars.find(k) >= 0) kind |= kFastCell;
    lpnames[size_t(i)] = k;
    kinds[size_t(i)] = char(kind);
  }
  int dropped = 0;
  for (int i = 0; i < m.cellvars.size(); i++) {
    const std::string& k = m.cellvars.names()[size_t(i)];
    if (m.varnames.find(k) >= 0) {
      dropped++;
      continue;
    }
    int off = i + nlocals - dropped;
    lpnames[size_t(off)] = k;
    kinds[size_t(off)] = char(kFastCell);
  }
  for (int i = 0; i < m.freevars.size(); i++) {
    int off = m.cellvars.size() + i + nlocals - dropped;
    lpnames[size_t(off)] = m.freevars.names()[size_t(i)];
    kinds[size_t(off)] = char(kFastFree);
  }
  Ref<> consts = steal(tuple_new(u->consts.size()));
  if (!consts) return nullptr;
  for (int i = 0; i < u->consts.size(); i++) tuple_set(consts.get(), i, newref(u->consts.get(i)));
  Ref<> names = steal(tuple_of_names(m.names.names()));
  Ref<> lpn = steal(tuple_of_names(lpnames));
  Ref<> kindsb = steal(bytes_from(kinds.data(), ssize(kinds.size())));
  Ref<> codeb = steal(bytes_from(code.data(), ssize(code.size())));
  Ref<> lt = steal(bytes_from(lw.out.data(), ssize(lw.out.size())));
  Ref<> et = steal(bytes_from(etab.data(), ssize(etab.size())));
  Ref<> name = steal(str_from_utf8(m.name));
  Ref<> qualname = steal(str_from_utf8(m.qualname));
  if (!names || !lpn || !kindsb || !codeb || !lt || !et || !name || !qualname) return nullptr;
  return code_new(m.posonlyargcount + m.argcount, m.posonlyargcount, m.kwonlyargcount, stackdepth, code_flags, codeb.get(), consts.get(),
                  names.get(), lpn.get(), kindsb.get(), filename, name.get(), qualname.get(), m.firstlineno, lt.get(),
                  et.get());
}

}  // namespace pyvm::compiler
