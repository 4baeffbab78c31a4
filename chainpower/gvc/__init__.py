"""chainpower.gvc"""
