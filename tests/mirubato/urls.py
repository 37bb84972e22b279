from django.urls import include, path

from tests.mirubato import views

urlpatterns = [
    path("api/test/echo", views.EchoView.as_view()),
    path("api/test/boom", views.BoomView.as_view()),
    path("api/test/database-down", views.DatabaseDownView.as_view()),
    path("api/test/whoami", views.WhoAmIView.as_view()),
    path("api/test/throttled", views.ThrottledView.as_view()),
    path("api/test/rated", views.DefaultThrottledView.as_view()),
    path("api/test/rated-open", views.DefaultThrottledOpenView.as_view()),
    path("", include("mirubato.urls")),
]
