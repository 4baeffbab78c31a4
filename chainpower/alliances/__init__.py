"""chainpower.alliances"""
