"""handout/layout"""
