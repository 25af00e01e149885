// Validation of compiled pattern code handed to _sre.compile(): every jump stays inside its block, every operand
// exists, group numbers are in range, and repeats of "one character" really hold one single-character item. The
// engine relies on this and does no bounds checks on the code itself.
//
// Code is position independent: all skips are relative and forward, and nested blocks never overlap, so each
// block is checked by a recursive walk over its extent.
#include "objects/stack_guard.h"
#include "vm/modules/sre_internal.h"

namespace pyvm::sre {
namespace {

enum Result { kBad = -1, kOk = 0, kEndsWithJump = 1 };

class Validator {
 public:
  explicit Validator(ssize groups) : groups_(groups) {}
  // Checks code[begin, end): kOk, kEndsWithJump when its last instruction is a JUMP, or kBad.
  int block(const Code* code, const Code* end);

 private:
  bool charset(const Code* code, const Code* end);
  bool single_item(const Code* code, const Code* end);
  ssize groups_;
};

bool is_category(Code c) { return c < kCategoryCount; }

// A charset program (without its final FAILURE) occupies exactly [code, end).
bool Validator::charset(const Code* code, const Code* end) {
  while (code < end) {
    Code op = *code++;
    switch (op) {
      case OP_NEGATE:
        break;
      case OP_LITERAL:
        if (end - code < 1) return false;
        code += 1;
        break;
      case OP_RANGE:
      case OP_RANGE_UNI_IGNORE:
        if (end - code < 2) return false;
        code += 2;
        break;
      case OP_CHARSET:
        if (end - code < 256 / 32) return false;
        code += 256 / 32;
        break;
      case OP_BIGCHARSET: {
        if (end - code < 1) return false;
        Code blocks = *code++;
        if (end - code < ssize(256 / sizeof(Code))) return false;
        const uint8_t* index = reinterpret_cast<const uint8_t*>(code);
        for (int i = 0; i < 256; i++)
          if (index[i] >= blocks) return false;
        code += 256 / sizeof(Code);
        if (uint64_t(end - code) < uint64_t(blocks) * (256 / 32)) return false;
        code += ssize(blocks) * (256 / 32);
        break;
      }
      case OP_CATEGORY:
        if (end - code < 1 || !is_category(*code)) return false;
        code += 1;
        break;
      default:
        return false;
    }
  }
  return true;
}

// The body of REPEAT_ONE and friends: one single-character item, exactly filling [code, end).
bool Validator::single_item(const Code* code, const Code* end) {
  if (end - code < 1) return false;
  switch (code[0]) {
    case OP_ANY:
    case OP_ANY_ALL:
      return end - code == 1;
    case OP_LITERAL:
    case OP_NOT_LITERAL:
    case OP_LITERAL_IGNORE:
    case OP_NOT_LITERAL_IGNORE:
    case OP_LITERAL_UNI_IGNORE:
    case OP_NOT_LITERAL_UNI_IGNORE:
    case OP_LITERAL_LOC_IGNORE:
    case OP_NOT_LITERAL_LOC_IGNORE:
      return end - code == 2;
    case OP_CATEGORY:
      return end - code == 2 && is_category(code[1]);
    case OP_IN:
    case OP_IN_IGNORE:
    case OP_IN_UNI_IGNORE:
    case OP_IN_LOC_IGNORE: {
      if (end - code < 3) return false;
      Code skip = code[1];
      if (skip < 2 || skip != Code(end - code - 1)) return false;
      return charset(code + 2, end - 1) && end[-1] == OP_FAILURE;
    }
  }
  return false;
}

int Validator::block(const Code* code, const Code* end) {
  if (!stack_check(" while validating a regular expression")) return kBad;
  if (code > end) return kBad;
  // A skip operand at `at` must land within (at, end]; `adj` allows a target just past the end.
  auto skip_ok = [&](const Code* at, Code skip) { return at < end && skip >= 1 && skip <= Code(end - at); };
  while (code < end) {
    Code op = *code++;
    switch (op) {
      case OP_MARK:
        if (code >= end || *code > Code(2 * groups_ + 1)) return kBad;
        code++;
        break;

      case OP_LITERAL:
      case OP_NOT_LITERAL:
      case OP_LITERAL_IGNORE:
      case OP_NOT_LITERAL_IGNORE:
      case OP_LITERAL_UNI_IGNORE:
      case OP_NOT_LITERAL_UNI_IGNORE:
      case OP_LITERAL_LOC_IGNORE:
      case OP_NOT_LITERAL_LOC_IGNORE:
        if (code >= end) return kBad;
        code++;
        break;

      case OP_SUCCESS:
      case OP_FAILURE:
      case OP_ANY:
      case OP_ANY_ALL:
        break;

      case OP_AT:
        if (code >= end || *code > AT_UNI_NON_BOUNDARY) return kBad;
        code++;
        break;

      case OP_CATEGORY:
        if (code >= end || !is_category(*code)) return kBad;
        code++;
        break;

      case OP_IN:
      case OP_IN_IGNORE:
      case OP_IN_UNI_IGNORE:
      case OP_IN_LOC_IGNORE: {
        // <IN> <skip> set... <FAILURE>
        if (code >= end || !skip_ok(code, *code) || *code < 2) return kBad;
        const Code* next = code + *code;
        if (!charset(code + 1, next - 1) || next[-1] != OP_FAILURE) return kBad;
        code = next;
        break;
      }

      case OP_INFO: {
        // <INFO> <skip> <flags> <min> <max> [<len> <skip> prefix overlap | charset <FAILURE>]
        if (code >= end || !skip_ok(code, *code) || *code < 4) return kBad;
        const Code* next = code + *code;
        Code flags = code[1];
        const Code* p = code + 4;
        if (flags & ~(INFO_PREFIX | INFO_LITERAL | INFO_CHARSET)) return kBad;
        if ((flags & INFO_PREFIX) && (flags & INFO_CHARSET)) return kBad;
        if ((flags & INFO_LITERAL) && !(flags & INFO_PREFIX)) return kBad;
        if (flags & INFO_PREFIX) {
          if (next - p < 2) return kBad;
          Code len = p[0];
          p += 2;
          if (uint64_t(next - p) < uint64_t(len) * 2) return kBad;
          for (Code i = 0; i < len; i++)
            if (p[len + i] >= len) return kBad;
          p += 2 * ssize(len);
        }
        if (flags & INFO_CHARSET) {
          if (next - p < 1 || !charset(p, next - 1) || next[-1] != OP_FAILURE) return kBad;
        } else if (p != next) {
          return kBad;
        }
        code = next;
        break;
      }

      case OP_BRANCH: {
        // <BRANCH> (<skip> alternative <JUMP> <skip>)* <0>; every JUMP goes to the same place, right after the 0.
        const Code* target = nullptr;
        for (;;) {
          if (code >= end) return kBad;
          Code skip = *code;
          if (skip == 0) {
            code++;
            break;
          }
          if (!skip_ok(code, skip) || skip < 3) return kBad;
          const Code* alt_end = code + skip;
          if (block(code + 1, alt_end - 2) != kOk) return kBad;
          if (alt_end[-2] != OP_JUMP) return kBad;
          const Code* at = alt_end - 1;
          if (!skip_ok(at, *at)) return kBad;
          const Code* dest = at + *at;
          if (target && dest != target) return kBad;
          target = dest;
          code = alt_end;
        }
        if (target && code != target) return kBad;
        break;
      }

      case OP_REPEAT_ONE:
      case OP_MIN_REPEAT_ONE:
      case OP_POSSESSIVE_REPEAT_ONE: {
        // <op> <skip> <min> <max> item <SUCCESS> tail
        if (end - code < 3 || !skip_ok(code, code[0]) || code[0] < 4) return kBad;
        Code min = code[1], max = code[2];
        if (min > max || max > kMaxRepeat) return kBad;
        const Code* next = code + code[0];
        if (!single_item(code + 3, next - 1) || next[-1] != OP_SUCCESS) return kBad;
        code = next;
        break;
      }

      case OP_REPEAT:
      case OP_POSSESSIVE_REPEAT: {
        // <REPEAT> <skip> <min> <max> body <MAX_UNTIL|MIN_UNTIL> tail; the possessive form ends with SUCCESS.
        if (end - code < 3 || !skip_ok(code, code[0]) || code[0] < 3) return kBad;
        Code min = code[1], max = code[2];
        if (min > max || max > kMaxRepeat) return kBad;
        const Code* until = code + code[0];
        if (until >= end) return kBad;
        if (block(code + 3, until) != kOk) return kBad;
        if (op == OP_POSSESSIVE_REPEAT ? *until != OP_SUCCESS : (*until != OP_MAX_UNTIL && *until != OP_MIN_UNTIL))
          return kBad;
        code = until + 1;
        break;
      }

      case OP_ATOMIC_GROUP: {
        // <ATOMIC_GROUP> <skip> body <SUCCESS> tail
        if (code >= end || !skip_ok(code, *code) || *code < 2) return kBad;
        const Code* next = code + *code;
        if (block(code + 1, next - 1) != kOk || next[-1] != OP_SUCCESS) return kBad;
        code = next;
        break;
      }

      case OP_GROUPREF:
      case OP_GROUPREF_IGNORE:
      case OP_GROUPREF_UNI_IGNORE:
      case OP_GROUPREF_LOC_IGNORE:
        if (code >= end || *code >= Code(groups_)) return kBad;
        code++;
        break;

      case OP_GROUPREF_EXISTS: {
        // <GROUPREF_EXISTS> <group> <skip> yes-code [<JUMP> <skip> no-code]; skip counts from <group>.
        if (end - code < 2 || code[0] >= Code(groups_)) return kBad;
        Code skip = code[1];
        if (skip < 2 || skip > Code(end - code)) return kBad;
        const Code* yes_end = code + skip;
        int r = block(code + 2, yes_end);
        if (r == kEndsWithJump) {
          // The yes part ended with <JUMP> <skip>: the no part runs from yes_end to the jump's target.
          const Code* at = yes_end - 1;
          if (!skip_ok(at, *at)) return kBad;
          const Code* no_end = at + *at;
          if (block(yes_end, no_end) != kOk) return kBad;
          code = no_end;
        } else if (r == kOk) {
          code = yes_end;
        } else {
          return kBad;
        }
        break;
      }

      case OP_ASSERT:
      case OP_ASSERT_NOT: {
        // <ASSERT> <skip> <back> body <SUCCESS>
        if (end - code < 2 || !skip_ok(code, code[0]) || code[0] < 3) return kBad;
        const Code* next = code + code[0];
        if (block(code + 2, next - 1) != kOk || next[-1] != OP_SUCCESS) return kBad;
        code = next;
        break;
      }

      case OP_JUMP:
        // Only as the last instruction of a branch alternative or of a conditional's yes part.
        if (code + 1 != end) return kBad;
        return kEndsWithJump;

      default:
        return kBad;
    }
  }
  return kOk;
}

}  // namespace

bool validate_code(const Code* code, ssize size, ssize groups) {
  if (groups < 0 || groups > kMaxGroups || size < 1 || code[size - 1] != OP_SUCCESS) return false;
  return Validator(groups).block(code, code + size - 1) == kOk;
}

}  // namespace pyvm::sre
