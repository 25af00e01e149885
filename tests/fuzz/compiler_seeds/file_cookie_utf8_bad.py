# coding: utf-8
print('ÿ')
