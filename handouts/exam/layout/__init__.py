"""exam/layout"""
