# Corpus: real program: tokenizer and recursive-descent parser/evaluator for arithmetic.
class ParseError(Exception):
    pass
def tokenize(src):
    tokens = []
    i = 0
    while i < len(src):
        ch = src[i]
        if ch.isspace():
            i += 1
        elif ch.isdigit() or ch == ".":
            j = i
            while j < len(src) and (src[j].isdigit() or src[j] == "."):
                j += 1
            text = src[i:j]
            tokens.append(("num", float(text) if "." in text else int(text)))
            i = j
        elif ch in "+-*/%()^":
            tokens.append(("op", ch))
            i += 1
        else:
            raise ParseError("unexpected character " + repr(ch) + " at " + str(i))
    tokens.append(("end", None))
    return tokens

class Parser:
    def __init__(self, tokens):
        self.tokens = tokens
        self.pos = 0
    def peek(self):
        return self.tokens[self.pos]
    def take(self):
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok
    def expr(self):
        value = self.term()
        while self.peek() in (("op", "+"), ("op", "-")):
            op = self.take()[1]
            rhs = self.term()
            value = value + rhs if op == "+" else value - rhs
        return value
    def term(self):
        value = self.factor()
        while self.peek()[0] == "op" and self.peek()[1] in "*/%":
            op = self.take()[1]
            rhs = self.factor()
            if op == "*":
                value *= rhs
            elif op == "/":
                value /= rhs
            else:
                value %= rhs
        return value
    def factor(self):
        base = self.unary()
        if self.peek() == ("op", "^"):
            self.take()
            return base ** self.factor()
        return base
    def unary(self):
        kind, val = self.take()
        if kind == "num":
            return val
        if (kind, val) == ("op", "-"):
            return -self.unary()
        if (kind, val) == ("op", "("):
            v = self.expr()
            if self.take() != ("op", ")"):
                raise ParseError("expected )")
            return v
        raise ParseError("unexpected token " + repr((kind, val)))

for src in ["1 + 2 * 3", "(1 + 2) * 3", "2 ^ 3 ^ 2", "-3 + 4 * 2", "10 / 4", "17 % 5 - -2",
            "3 * 3 + 4 * 4", "2 * 3.25 * 10", "((((7))))", "1 + ", "3 $ 4", "z * 2", "2 ^ 100"]:
    try:
        print(src, "=>", Parser(tokenize(src)).expr())
    except ParseError as e:
        print(src, "=> error:", e)
print(tokenize("1 + 22.5*(4)"))
