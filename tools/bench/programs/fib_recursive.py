# Benchmark: naive doubly-recursive fibonacci (function call overhead, small-int arithmetic).
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

def main():
    print(fib(32))

main()
