"""This app's part of the demo county."""


def seed(users):
    pass
