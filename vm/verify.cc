// Bytecode verification: operand bounds, jump targets, exception-table entries and a stack-depth flow analysis
// using the pops/pushes columns of opcodes.def. Corrupt .pyc files are rejected here instead of crashing later.
#include "vm/verify.h"

#include <string>
#include <vector>

#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/tuple.h"
#include "vm/opcodes.h"

namespace pyvm {
namespace {

struct Instr {
  int op = -1;     // -1: not the start of an instruction (inside EXTENDED_ARG prefix or a cache entry)
  int oparg = 0;
  int next = 0;    // index after the instruction and its caches
};

bool fail(const std::string& why) {
  set_errorf(&exc_ValueError, "bad marshal data (invalid bytecode: {})", why);
  return false;
}

bool is_terminator(int op) {
  switch (op) {
    case RETURN_VALUE: case RETURN_CONST: case RAISE_VARARGS: case RERAISE: case JUMP_FORWARD: case JUMP_BACKWARD:
    case JUMP_BACKWARD_NO_INTERRUPT: case INTERPRETER_EXIT:
      return true;
    default:
      return false;
  }
}

// The instruction's jump target (a code-unit index), or -1 when it does not jump.
int jump_target(const Instr& in) {
  switch (in.op) {
    case JUMP_FORWARD: case POP_JUMP_IF_FALSE: case POP_JUMP_IF_TRUE: case POP_JUMP_IF_NONE: case POP_JUMP_IF_NOT_NONE:
    case FOR_ITER: case SEND:
      return in.next + in.oparg;
    case JUMP_BACKWARD: case JUMP_BACKWARD_NO_INTERRUPT:
      return in.next - in.oparg;
    default:
      return -1;
  }
}

struct Handler {
  int start, end, target, depth;
  bool lasti;
};

bool parse_exception_table(CodeObject* co, std::vector<Handler>* out) {
  const uint8_t* p = reinterpret_cast<const uint8_t*>(bytes_data(co->exceptiontable));
  const uint8_t* end = p + bytes_size(co->exceptiontable);
  auto varint = [&](int* v) -> bool {
    if (p >= end) return false;
    long x = *p & 63;
    while (*p & 64) {
      if (++p >= end || x > (1L << 24)) return false;
      x = (x << 6) | (*p & 63);
    }
    p++;
    *v = int(x);
    return true;
  };
  while (p < end) {
    int start, length, target, dl;
    if (!varint(&start) || !varint(&length) || !varint(&target) || !varint(&dl)) return fail("exception table");
    out->push_back(Handler{start, start + length, target, dl >> 1, (dl & 1) != 0});
  }
  return true;
}

}  // namespace

bool verify_code(CodeObject* co) {
  const int n = int(co->ninstrs);
  const int nconsts = int(tuple_size(co->consts));
  const int nnames = int(tuple_size(co->names));
  const int nlocals = co->nlocalsplus;
  const uint8_t* kinds = reinterpret_cast<const uint8_t*>(bytes_data(co->localspluskinds));
  if (n == 0) return fail("empty code");
  std::vector<Instr> ins(static_cast<size_t>(n));
  // Decode: opcodes known, caches inside the code, operands in range.
  for (int i = 0; i < n;) {
    int start = i, oparg = 0, op;
    for (;;) {
      uint16_t w = co->instrs[i++];
      op = w & 0xff;
      oparg = (oparg << 8) | (w >> 8);
      if (op != EXTENDED_ARG) break;
      if (i >= n) return fail("EXTENDED_ARG at the end");
    }
    const OpcodeInfo& info = kOpcodeTable[op];
    if (!info.name) return fail(fmt::format("unknown opcode {} at {}", op, start));
    if (i + info.cache_entries > n) return fail("truncated inline cache");
    Instr in{op, oparg, i + info.cache_entries};
    ins[size_t(start)] = in;
    // An EXTENDED_ARG prefix decodes to the same instruction when entered at its real start.
    for (int k = start + 1; k < i; k++) ins[size_t(k)].op = -1;
    auto local_ok = [&](int idx) { return idx >= 0 && idx < nlocals; };
    auto cell_ok = [&](int idx) { return local_ok(idx) && (kinds[idx] & (kFastCell | kFastFree)); };
    bool ok = true;
    switch (op) {
      case LOAD_CONST: case RETURN_CONST: ok = oparg < nconsts; break;
      case LOAD_NAME: case STORE_NAME: case DELETE_NAME: case STORE_GLOBAL: case DELETE_GLOBAL: case STORE_ATTR:
      case DELETE_ATTR: case IMPORT_NAME: case IMPORT_FROM: case LOAD_FROM_DICT_OR_GLOBALS:
        ok = oparg < nnames; break;
      case LOAD_GLOBAL: case LOAD_ATTR: ok = (oparg >> 1) < nnames; break;
      case LOAD_SUPER_ATTR: ok = (oparg >> 2) < nnames; break;
      case LOAD_FAST: case LOAD_FAST_CHECK: case LOAD_FAST_AND_CLEAR: case STORE_FAST: case DELETE_FAST:
      case MAKE_CELL:
        ok = local_ok(oparg); break;
      case LOAD_FAST_LOAD_FAST: case STORE_FAST_LOAD_FAST: case STORE_FAST_STORE_FAST:
        ok = local_ok(oparg >> 4) && local_ok(oparg & 15); break;
      case LOAD_DEREF: case STORE_DEREF: case DELETE_DEREF: case LOAD_FROM_DICT_OR_DEREF:
        ok = cell_ok(oparg); break;
      case COPY_FREE_VARS: ok = oparg <= nlocals; break;
      case COPY: ok = oparg >= 1; break;
      case SWAP: ok = oparg >= 2; break;
      case BINARY_OP: ok = oparg <= 25; break;
      case COMPARE_OP: ok = (oparg >> 5) <= 5; break;
      case CONVERT_VALUE: ok = oparg >= 1 && oparg <= 3; break;
      case RAISE_VARARGS: ok = oparg <= 2; break;
      case RERAISE: ok = oparg <= 2; break;
      case BUILD_SLICE: ok = oparg == 2 || oparg == 3; break;
      default: break;
    }
    if (!ok) return fail(fmt::format("operand {} of {} out of range at {}", oparg, info.name, start));
    int t = jump_target(in);
    if (t != -1 && (t < 0 || t >= n || ins.size() <= size_t(t))) return fail(fmt::format("jump out of range at {}", start));
    for (int k = i; k < in.next; k++) ins[size_t(k)].op = -1;  // cache entries
    i = in.next;
  }
  std::vector<Handler> handlers;
  if (!parse_exception_table(co, &handlers)) return false;
  for (const Handler& h : handlers) {
    if (h.start < 0 || h.end > n || h.start > h.end || h.target < 0 || h.target >= n || ins[size_t(h.target)].op < 0 ||
        h.depth < 0 || h.depth + (h.lasti ? 1 : 0) + 1 > co->stacksize)
      return fail("exception table entry");
  }
  // Flow analysis: every reachable instruction has one stack depth, never below what it pops nor above stacksize.
  std::vector<int> depth(static_cast<size_t>(n), -1);
  std::vector<int> work;
  auto reach = [&](int idx, int d) -> bool {
    if (idx < 0 || idx >= n || ins[size_t(idx)].op < 0) return fail(fmt::format("control reaches the middle of an instruction at {}", idx));
    if (d < 0 || d > co->stacksize) return fail(fmt::format("stack depth {} out of range at {}", d, idx));
    if (depth[size_t(idx)] == -1) {
      depth[size_t(idx)] = d;
      work.push_back(idx);
    } else if (depth[size_t(idx)] != d) {
      return fail(fmt::format("inconsistent stack depth at {}", idx));
    }
    return true;
  };
  if (!reach(0, 0)) return false;
  // Generators resume after RETURN_GENERATOR with the sent value pushed: modelled by its pushes column.
  while (!work.empty()) {
    int idx = work.back();
    work.pop_back();
    const Instr& in = ins[size_t(idx)];
    int d = depth[size_t(idx)];
    int pops = opcode_pops(in.op, in.oparg), pushes = opcode_pushes(in.op, in.oparg);
    if (pops < 0 || pushes < 0 || d < pops)
      return fail(fmt::format("stack underflow at {} ({})", idx, kOpcodeTable[in.op].name));
    int after = d - pops + pushes;
    if (after > co->stacksize) return fail(fmt::format("stack overflow at {}", idx));
    for (const Handler& h : handlers)
      if (idx >= h.start && idx < h.end && !reach(h.target, h.depth + (h.lasti ? 1 : 0) + 1)) return false;
    int t = jump_target(in);
    if (t >= 0 && !reach(t, after)) return false;
    if (!is_terminator(in.op) && in.next < n && !reach(in.next, after)) return false;
    if (!is_terminator(in.op) && in.next >= n && t < 0) return fail("control falls off the end");
  }
  return true;
}

}  // namespace pyvm
