# Benchmark: many small Point objects doing float math (sin/cos by Taylor series), normalize and max.
def sin_approx(x):
    # reduce to [-pi, pi] then Taylor series
    pi = 3.141592653589793
    two_pi = 2 * pi
    x = x - two_pi * int(x / two_pi)
    if x > pi:
        x -= two_pi
    elif x < -pi:
        x += two_pi
    term = x
    total = x
    x2 = x * x
    k = 1
    while k < 12:
        term = -term * x2 / ((2 * k) * (2 * k + 1))
        total += term
        k += 1
    return total

def cos_approx(x):
    return sin_approx(x + 1.5707963267948966)

class Point:
    def __init__(self, i):
        self.x = x = sin_approx(i)
        self.y = cos_approx(i) * 3
        self.z = (x * x) / 2

    def normalize(self):
        norm = (self.x * self.x + self.y * self.y + self.z * self.z) ** 0.5
        self.x /= norm
        self.y /= norm
        self.z /= norm

    def maximize(self, other):
        self.x = self.x if self.x > other.x else other.x
        self.y = self.y if self.y > other.y else other.y
        self.z = self.z if self.z > other.z else other.z
        return self

def run(n):
    points = [Point(i) for i in range(n)]
    for p in points:
        p.normalize()
    best = points[0]
    for p in points[1:]:
        best = best.maximize(p)
    return best

def main():
    total = 0.0
    for _ in range(4):
        p = run(20000)
        total += p.x + p.y + p.z
    print(f"{p.x:.6f} {p.y:.6f} {p.z:.6f} {total:.6f}")

main()
