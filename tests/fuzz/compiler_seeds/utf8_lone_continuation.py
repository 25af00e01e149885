# coding: utf-8
€
