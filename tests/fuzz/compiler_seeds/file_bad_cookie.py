# coding: foobar
print(1)
