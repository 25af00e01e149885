#!/usr/bin/python
# vim: set fileencoding=ascii :
x = 'é'
