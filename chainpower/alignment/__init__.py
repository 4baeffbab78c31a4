"""chainpower.alignment"""
