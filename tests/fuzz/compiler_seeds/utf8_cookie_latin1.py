# -*- coding: latin-1 -*-
x = 'ÿ'
print(len(x))
