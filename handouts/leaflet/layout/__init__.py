"""leaflet/layout"""
