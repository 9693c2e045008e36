from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render


@login_not_required
def index(request):
    """The public information page (信息公开): links to the firm directory and inspection results."""
    return render(request, "public/index.html")
