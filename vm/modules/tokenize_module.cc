// The _tokenize module: TokenizerIter(readline, *, extra_tokens, encoding=...), the iterator behind tokenize.py's
// generate_tokens()/tokenize(), on top of the compiler's tokenizer (vm/compiler/tokenizer.h) in its extra-tokens
// mode. It yields CPython 3.13's (type, string, (row, col), (erow, ecol), line) tuples and raises the same
// SyntaxError/IndentationError/TabError, which tokenize.py turns into TokenError.
//
// Unlike CPython, which calls readline whenever its lexer needs another line, the first next() reads every line at
// once (the compiler's tokenizer works on one buffer). An exception from readline, a non-str line or a line with a
// null byte is remembered and raised when the tokens before it have been yielded, as in CPython.
//
// Thread-safety: next() runs inside the iterator's critical section (as CPython's free-threaded build does), so
// threads sharing one iterator each get whole tokens; the section is suspended while readline runs.
#include <algorithm>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/compiler/tokenizer.h"
#include "vm/modules/itertools_internal.h"
#include "vm/modules/modules.h"
#include "vm/sync/mutex.h"

namespace pyvm {
namespace {

using compiler::Tok;
using compiler::TokDone;
using compiler::Token;

// The number of characters (code points) in the UTF-8 bytes [p, e).
ssize count_chars(const char* p, const char* e) {
  ssize n = 0;
  for (; p < e; p++) n += (static_cast<unsigned char>(*p) & 0xC0) != 0x80;
  return n;
}

struct TokenizerIter {
  PyObject ob_base;
  Object* readline;  // dropped once the input is read
  Object* encoding;  // str, or null: readline returns str
  bool extra_tokens;
  bool done;
  std::string* source;                   // every line read, each ending with '\n' (some of them added: fake_newlines)
  std::vector<uint32_t>* fake_newlines;  // offsets of the newlines added to lines that had none
  compiler::Tokenizer* tok;
  Object* input_error;  // the exception readline raised (or null), raised where the input ends
  bool null_line;       // the input ends before a line holding a null byte
  std::string* null_text;
  // CPython's per-line cache: the `line` string is made again only when the tokenizer's line number differs from
  // the last token's (start) line; columns on an unchanged line come from byte offsets minus the bytes-to-characters
  // difference accumulated so far, so that long lines cost linear time.
  Object* last_line;
  uint32_t last_line_base;  // source offset of the cached line's first byte
  ssize last_lineno;
  ssize byte_col_diff;
};
inline TokenizerIter* TI(Object* o) { return reinterpret_cast<TokenizerIter*>(o); }

// CPython's token numbers (Lib/token.py): ENDMARKER..OP share pyvm's Tok order; the rest are mapped by name.
static_assert(int(Tok::DEDENT) == 6 && int(Tok::EXCLAMATION) == 54 && int(Tok::OP) == 55);
constexpr int kOp = 55, kName = 1, kFstringStart = 59, kFstringMiddle = 60, kFstringEnd = 61, kComment = 62, kNl = 63,
              kErrorToken = 64;

int cpython_type(Tok k, bool extra) {
  if (compiler::is_keyword(k)) return kName;
  switch (k) {
    case Tok::FSTRING_START:
      return kFstringStart;
    case Tok::FSTRING_MIDDLE:
      return kFstringMiddle;
    case Tok::FSTRING_END:
      return kFstringEnd;
    case Tok::COMMENT:
      return kComment;
    case Tok::NL:
      return kNl;
    case Tok::ERRORTOKEN:
      return kErrorToken;
    default:
      break;
  }
  int n = int(k);
  // Extra tokens: tokenize.py expects every operator as OP (TokenInfo.exact_type recovers the kind).
  if (extra && n > int(Tok::DEDENT) && n < kOp) return kOp;
  return n;
}

void tokiter_dealloc(Object* self) {
  TokenizerIter* it = TI(self);
  xdecref(it->readline);
  xdecref(it->encoding);
  xdecref(it->input_error);
  xdecref(it->last_line);
  delete it->tok;
  delete it->source;
  delete it->fake_newlines;
  delete it->null_text;
  object_free(self);
}

Object* tokiter_new(Type* type, Object* args, Object* kwds) {
  Object* v[3] = {};
  if (!itertools::parse_new("tokenizeriter", args, kwds, {"/readline", "$extra_tokens", "$encoding"}, 2, v)) {
    return nullptr;
  }
  int extra = object_is_true(v[1]);
  if (extra < 0) return nullptr;
  if (v[2] && !type_check(v[2], &str_type)) {
    return set_errorf(&exc_TypeError, "tokenizeriter() argument 'encoding' must be str, not {}", type_name(v[2]));
  }
  Object* o = new_object(type, sizeof(TokenizerIter));
  if (!o) return nullptr;
  TokenizerIter* it = TI(o);
  it->readline = newref(v[0]);
  it->encoding = v[2] ? newref(v[2]) : nullptr;
  it->extra_tokens = extra != 0;
  return o;
}

// Calls readline until it is exhausted, filling it->source; stops early at an exception (kept for later) or a
// line with a null byte.
void read_input(TokenizerIter* it) {
  it->source = new std::string();
  it->fake_newlines = new std::vector<uint32_t>();
  std::string& src = *it->source;
  for (;;) {
    ORef line = steal(call0(it->readline));
    if (!line) {
      if (error_matches(&exc_StopIteration)) {
        error_clear();
      } else {
        it->input_error = error_take();
      }
      break;
    }
    std::string_view text;
    if (it->encoding) {
      if (!type_check(line.get(), &bytes_type)) {
        set_error(&exc_TypeError, "readline() returned a non-bytes object");
        it->input_error = error_take();
        break;
      }
      Object* dargs[2] = {it->encoding, str_interned("replace")};
      line = steal(call_method(line.get(), str_interned("decode"), dargs, 2));
      if (!line) {
        it->input_error = error_take();
        break;
      }
    } else if (!type_check(line.get(), &str_type)) {
      set_error(&exc_TypeError, "readline() returned a non-string object");
      it->input_error = error_take();
      break;
    }
    ssize len = 0;
    const char* p = str_utf8(line.get(), &len);
    if (!p) {
      it->input_error = error_take();
      break;
    }
    text = std::string_view(p, size_t(len));
    if (text.empty()) break;
    if (text.find('\0') != std::string_view::npos) {
      it->null_line = true;
      it->null_text = new std::string(text.substr(0, std::min(text.find('\0'), text.find('\n'))));
      break;
    }
    src.append(text);
    if (src.back() != '\n') {
      // CPython's line reader adds the newline a last line lacks (and reports it as implicit).
      it->fake_newlines->push_back(uint32_t(src.size()));
      src.push_back('\n');
    }
  }
  xdecref(it->readline);
  it->readline = nullptr;
  it->tok = new compiler::Tokenizer(src);
  if (it->extra_tokens) it->tok->set_extra_tokens();
  if (it->input_error || it->null_line) it->tok->set_input_error_at_end();
}

// Whether the newline ending the line that ends at `line_end` was added by read_input.
bool implicit_newline(TokenizerIter* it, uint32_t line_end) {
  return line_end > 0 && std::binary_search(it->fake_newlines->begin(), it->fake_newlines->end(), line_end - 1);
}

// Raises SyntaxError-like `type`(msg, ("<string>", lineno, offset, text, end_lineno, end_offset)); the last three
// may be None (null).
void raise_syntax(Type* type, const std::string& msg, ssize lineno, ssize offset, Object* text, Object* end_lineno,
                  Object* end_offset) {
  ORef m = steal(str_from_utf8(msg));
  if (!m) return;
  ORef fn = steal(str_from_utf8("<string>"));
  if (!fn) return;
  ORef ln = steal(int_from_ssize(lineno));
  if (!ln) return;
  ORef off = steal(int_from_ssize(offset));
  if (!off) return;
  ORef details = steal(tuple_pack({fn.get(), ln.get(), off.get(), text ? text : none(),
                                   end_lineno ? end_lineno : none(), end_offset ? end_offset : none()}));
  if (!details) return;
  Object* call_args[2] = {m.get(), details.get()};
  ORef exc = steal(call(reinterpret_cast<Object*>(type), call_args, 2, nullptr));
  if (!exc) return;
  set_error_object(exc.get());
}

// Sets the exception for an ERRORTOKEN, as CPython's _tokenizer_error and lexer do.
void raise_token_error(TokenizerIter* it) {
  compiler::Tokenizer& tok = *it->tok;
  const std::string& src = *it->source;
  const char* buf = src.data();
  switch (tok.done()) {
    case TokDone::kInput: {
      if (it->input_error) {
        Object* e = it->input_error;
        it->input_error = nullptr;
        set_error_steal(e);
        return;
      }
      ORef text = steal(str_from_utf8(*it->null_text));
      if (!text) return;
      ORef ln = steal(int_from_ssize(tok.lineno() + 1));
      if (!ln) return;
      ORef zero = steal(int_from_ssize(0));
      if (!zero) return;
      raise_syntax(&exc_SyntaxError, "source code cannot contain null bytes", tok.lineno() + 1, 0, text.get(), ln.get(),
                   zero.get());
      return;
    }
    case TokDone::kError:
    case TokDone::kDecode: {
      const compiler::SyntaxErrorInfo& e = tok.error();
      std::string_view line = tok.line_text(e.lineno);
      ORef text = steal(str_from_utf8(line));  // the lexer's lines are UTF-8 (they came from str)
      if (!text) return;
      ORef eln = steal(int_from_ssize(e.end_lineno));
      if (!eln) return;
      ORef eoff = steal(int_from_ssize(e.end_offset));
      if (!eoff) return;
      raise_syntax(&exc_SyntaxError, e.msg, e.lineno, e.offset, text.get(), eln.get(), eoff.get());
      return;
    }
    case TokDone::kEof: {
      // An open bracket or a backslash continuation at the end: offset is what CPython's line buffer holds, in
      // bytes.
      ORef exc = steal(
          call1(reinterpret_cast<Object*>(&exc_SyntaxError), str_interned("unexpected EOF in multi-line statement")));
      if (!exc) return;
      ORef fn = steal(str_from_utf8("<string>"));
      if (!fn) return;
      ORef ln = steal(int_from_ssize(tok.lineno()));
      if (!ln) return;
      ORef off = steal(int_from_ssize(ssize(tok.line_end_offset()) - ssize(tok.buffer_start_offset())));
      if (!off) return;
      if (set_attr_str(exc.get(), "filename", fn.get()) < 0 || set_attr_str(exc.get(), "lineno", ln.get()) < 0 ||
          set_attr_str(exc.get(), "offset", off.get()) < 0) {
        return;
      }
      set_error_object(exc.get());
      return;
    }
    default:
      break;
  }
  Type* type = &exc_SyntaxError;
  const char* msg = "unknown tokenization error";
  switch (tok.done()) {
    case TokDone::kDedent:
      type = &exc_IndentationError;
      msg = "unindent does not match any outer indentation level";
      break;
    case TokDone::kTabSpace:
      type = &exc_TabError;
      msg = "inconsistent use of tabs and spaces in indentation";
      break;
    case TokDone::kTooDeep:
      type = &exc_IndentationError;
      msg = "too many levels of indentation";
      break;
    case TokDone::kLineCont:
      msg = "unexpected character after line continuation character";
      break;
    default:
      break;
  }
  // The text is CPython's line buffer without its final newline; the offset counts its characters, newline
  // included.
  const char* b = buf + tok.buffer_start_offset();
  const char* e = buf + tok.line_end_offset();
  ssize offset = count_chars(b, e);
  ORef text = steal(str_from_utf8(b, e > b ? e - b - 1 : 0));
  if (!text) return;
  raise_syntax(type, msg, tok.lineno(), offset, text.get(), nullptr, nullptr);
}

// The `line` item made afresh: the source from `start` to the end of the current line, without an added newline.
// At the end of the input CPython's line buffer has been emptied, so the line is "".
Object* fresh_line(TokenizerIter* it, uint32_t start) {
  compiler::Tokenizer& tok = *it->tok;
  uint32_t end = tok.line_end_offset();
  if (tok.done() == TokDone::kEof && tok.buffer_start_offset() == end) end = start;
  if (end < start) end = start;
  if (end > start && implicit_newline(it, end)) end--;
  return str_from_utf8(it->source->data() + start, ssize(end - start));
}

Object* tokiter_next_impl(Object* self) {
  TokenizerIter* it = TI(self);
  if (it->done) return nullptr;
  if (!it->tok) {
    // The critical section is suspended while readline runs: a readline that re-enters this iterator, or another
    // thread arriving meanwhile, finds the input half read.
    if (it->source) return set_error(&exc_RuntimeError, "TokenizerIter: next() while readline() is running");
    read_input(it);
  }
  compiler::Tokenizer& tok = *it->tok;
  Token t;
  Tok kind = tok.next(&t);
  if (kind == Tok::ERRORTOKEN) {
    it->done = true;
    raise_token_error(it);
    return nullptr;
  }
  const std::string& src = *it->source;
  const char* buf = src.data();
  bool has_text = t.col_offset != -1;  // INDENT/DEDENT/ENDMARKER outside extra mode have none
  ORef str = steal(str_from_utf8(buf + t.start, has_text ? ssize(t.end - t.start) : 0));
  if (!str) return nullptr;
  bool trailing = kind == Tok::ENDMARKER || (kind == Tok::DEDENT && tok.done() == TokDone::kEof);
  bool string_lit = kind == Tok::STRING || kind == Tok::FSTRING_MIDDLE;
  uint32_t line_start = string_lit ? tok.multi_line_start_offset() : tok.line_start_offset();
  uint32_t cur_line_start = tok.line_start_offset();
  bool implicit = implicit_newline(it, tok.line_end_offset());
  bool line_changed = true;
  ORef line;
  if (it->extra_tokens && trailing) {
    line = steal(str_from_utf8("", 0));
  } else if (tok.lineno() != it->last_lineno || !it->last_line) {
    line = steal(fresh_line(it, line_start));
    if (line) {
      xdecref(it->last_line);
      it->last_line = newref(line.get());
      it->last_line_base = line_start;
      it->byte_col_diff = 0;
    }
  } else {
    line = borrow(it->last_line);
    line_changed = false;
  }
  if (!line) return nullptr;
  ssize lineno = t.lineno, end_lineno = t.end_lineno;
  it->last_lineno = lineno;
  ssize col = -1, end_col = -1, byte_offset = -1;
  const char* line_data = buf + it->last_line_base;  // what CPython measures the cached line's columns on
  if (has_text && t.start >= line_start) {
    byte_offset = ssize(t.start - line_start);
    if (line_changed) {
      col = count_chars(line_data, line_data + byte_offset);
      it->byte_col_diff = byte_offset - col;
    } else {
      col = byte_offset - it->byte_col_diff;
    }
  }
  if (has_text && t.end >= cur_line_start) {
    ssize end_byte = ssize(t.end - cur_line_start);
    if (lineno == end_lineno) {
      ssize token_chars = count_chars(line_data + std::max<ssize>(byte_offset, 0), line_data + end_byte);
      end_col = col + token_chars;
      it->byte_col_diff += ssize(t.end - t.start) - token_chars;
    } else {
      end_col = count_chars(buf + cur_line_start, buf + t.end);
      it->byte_col_diff += end_byte - end_col;
    }
  }
  int type = cpython_type(kind, it->extra_tokens);
  if (it->extra_tokens) {
    if (trailing) {
      lineno = end_lineno = lineno + 1;
      col = end_col = 0;
    }
    if (kind == Tok::NEWLINE) {
      const char* nl = implicit ? "" : (buf[t.start] == '\r' ? "\r\n" : "\n");
      str = steal(str_from_utf8(nl));
      if (!str) return nullptr;
      end_col++;
    } else if (kind == Tok::NL && implicit) {
      str = steal(str_from_utf8("", 0));
      if (!str) return nullptr;
    }
  }
  if (kind == Tok::ENDMARKER) it->done = true;
  ORef ty = steal(int_from_ssize(type));
  if (!ty) return nullptr;
  ORef a = steal(int_from_ssize(lineno));
  if (!a) return nullptr;
  ORef b = steal(int_from_ssize(col));
  if (!b) return nullptr;
  ORef c = steal(int_from_ssize(end_lineno));
  if (!c) return nullptr;
  ORef d = steal(int_from_ssize(end_col));
  if (!d) return nullptr;
  ORef start = steal(tuple_pack({a.get(), b.get()}));
  if (!start) return nullptr;
  ORef end = steal(tuple_pack({c.get(), d.get()}));
  if (!end) return nullptr;
  return tuple_pack({ty.get(), str.get(), start.get(), end.get(), line.get()});
}

Object* tokiter_next(Object* self) {
  sync::CriticalSection cs(self);
  return tokiter_next_impl(self);
}

Object* tokiter_iter(Object* self) { return newref(self); }

Type tokenizeriter_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_tokenize.TokenizerIter",
    .tp_basicsize = sizeof(TokenizerIter),
    .tp_dealloc = tokiter_dealloc,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_iter = tokiter_iter,
    .tp_iternext = tokiter_next,
    .tp_new = tokiter_new,
    .tp_free = object_free,
};

}  // namespace

Object* create_tokenize_module() {
  static const int ready = type_ready(&tokenizeriter_type);
  if (ready < 0) {
    set_error(&exc_SystemError, "_tokenize: type initialisation failed");
    return nullptr;
  }
  ORef m = steal(module_new(str_interned("_tokenize")));
  if (!m) return nullptr;
  if (set_attr_str(m.get(), "TokenizerIter", reinterpret_cast<Object*>(&tokenizeriter_type)) < 0) return nullptr;
  return m.release();
}

}  // namespace pyvm
