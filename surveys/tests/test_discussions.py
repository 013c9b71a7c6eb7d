import pytest

from engagement.tests.factories import ResidentFactory
from surveys.models import Post, PostReport, Topic
from surveys.services.discussions import post_approve, post_hide, post_reply, topic_start
from surveys.tests.factories import TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic(db):
    return TopicFactory(title="New bin stores", body="What do you think of the new bin stores?")


def test_anyone_can_read_a_discussion_and_signed_in_residents_can_reply(client, resident_client, resident, topic):
    posted = resident_client.post(f"/sounding-board/discussions/{topic.pk}/reply/", {"body": "They are much tidier."})

    assert posted.status_code == 302
    client.logout()
    page = client.get(f"/sounding-board/discussions/{topic.pk}/").content.decode()
    assert "They are much tidier." in page and "Rita R." in page and "Rita Resident" not in page
    assert "Sign in</a> to reply" in page


def test_a_resident_must_confirm_their_tenancy_before_replying(client, topic):
    unverified = ResidentFactory(tenancy_verified_at=None)
    client.force_login(unverified.user)

    result = client.post(f"/sounding-board/discussions/{topic.pk}/reply/", {"body": "Hello"})

    assert result.status_code == 302 and "/your-account/verify-tenancy/" in result["Location"]
    assert not Post.objects.exists()


def test_replies_to_a_premoderated_topic_wait_for_a_moderator(client, resident_client, resident, other_resident, topic):
    topic.is_premoderated = True
    topic.save()

    resident_client.post(f"/sounding-board/discussions/{topic.pk}/reply/", {"body": "Waiting reply"})
    own_view = resident_client.get(f"/sounding-board/discussions/{topic.pk}/").content.decode()
    client.force_login(other_resident.user)
    others_view = client.get(f"/sounding-board/discussions/{topic.pk}/").content.decode()

    assert "Waiting reply" in own_view and "Waiting for a moderator" in own_view
    assert "Waiting reply" not in others_view
    post_approve(post=Post.objects.get(), by=None)
    assert "Waiting reply" in client.get(f"/sounding-board/discussions/{topic.pk}/").content.decode()


def test_a_hidden_post_says_why_in_its_place(client, resident, community_relations, topic):
    post = post_reply(topic=topic, body="Something rude", resident=resident)

    post_hide(post=post, by=community_relations, reason="It was abusive (house rule 1)")

    page = client.get(f"/sounding-board/discussions/{topic.pk}/").content.decode()
    assert "Something rude" not in page
    assert "A moderator hid this reply: It was abusive (house rule 1)" in page


def test_hiding_needs_a_reason(resident, community_relations, topic):
    post = post_reply(topic=topic, body="Hmm", resident=resident)

    with pytest.raises(ValueError):
        post_hide(post=post, by=community_relations, reason="  ")


def test_a_reported_post_is_listed_for_moderators_and_resolved_when_hidden(
    client, resident, other_resident, community_relations, topic
):
    post = post_reply(topic=topic, body="Buy cheap watches", resident=other_resident)
    client.force_login(resident.user)

    reported = client.post(f"/sounding-board/discussions/posts/{post.pk}/report/", {"reason": "It is spam"})

    assert reported.status_code == 302
    client.force_login(community_relations)
    listing = client.get("/admin/surveys/post/?reported=yes").content.decode()
    assert "Buy cheap watches" in listing
    client.post(
        "/admin/surveys/post/",
        {"action": "hide", "_selected_action": [post.pk], "reason": "Advertising (house rule 6)"},
    )
    post.refresh_from_db()
    assert post.status == Post.Status.HIDDEN and post.hidden_reason == "Advertising (house rule 6)"
    assert PostReport.objects.get().resolved_by == community_relations


def test_hide_in_admin_asks_for_the_reason_first(client, resident, community_relations, topic):
    post = post_reply(topic=topic, body="Borderline", resident=resident)
    client.force_login(community_relations)

    asked = client.post("/admin/surveys/post/", {"action": "hide", "_selected_action": [post.pk]})

    assert asked.status_code == 200 and "Say why" in asked.content.decode()
    post.refresh_from_db()
    assert post.status == Post.Status.PUBLISHED


def test_links_are_plain_text_until_a_moderator_approves_them(client, resident, community_relations, topic):
    post = post_reply(topic=topic, body="See https://example.com/offer <b>now</b>", resident=resident)

    before = client.get(f"/sounding-board/discussions/{topic.pk}/").content.decode()
    post_approve(post=post, by=community_relations, links=True)
    after = client.get(f"/sounding-board/discussions/{topic.pk}/").content.decode()

    assert "See https://example.com/offer &lt;b&gt;now&lt;/b&gt;" in before
    assert 'href="https://example.com/offer"' not in before
    assert '<a href="https://example.com/offer" rel="nofollow">https://example.com/offer</a>' in after
    assert "<b>now</b>" not in after


def test_a_resident_can_start_a_discussion_which_waits_for_a_moderator(client, resident_client, other_resident):
    result = resident_client.post(
        "/sounding-board/discussions/new/", {"title": "Parking on Lee Manor", "body": "Cars block the bins."}
    )

    topic = Topic.objects.get()
    assert result["Location"] == f"/sounding-board/discussions/{topic.pk}/"
    assert topic.status == Topic.Status.PENDING and topic.is_premoderated
    assert "Only you can see this discussion" in resident_client.get(result["Location"]).content.decode()
    client.force_login(other_resident.user)
    assert client.get(result["Location"]).status_code == 404
    assert "Parking on Lee Manor" not in client.get("/sounding-board/discussions/").content.decode()


def test_residents_cannot_start_discussions_when_the_council_turns_it_off(resident_client, settings):
    settings.DISCUSSIONS_RESIDENTS_MAY_START_TOPICS = False

    assert resident_client.get("/sounding-board/discussions/new/").status_code == 404
    assert "Start a discussion" not in resident_client.get("/sounding-board/discussions/").content.decode()


def test_a_closed_discussion_takes_no_replies(resident_client, topic):
    topic.status = Topic.Status.CLOSED
    topic.save()

    page = resident_client.get(f"/sounding-board/discussions/{topic.pk}/").content.decode()
    resident_client.post(f"/sounding-board/discussions/{topic.pk}/reply/", {"body": "Late"})

    assert "closed to new replies" in page
    assert not Post.objects.exists()


def test_officers_reply_as_council_staff(client, officer, topic):
    officer.first_name = "Olu"
    officer.save()
    client.force_login(officer)

    client.post(f"/sounding-board/discussions/{topic.pk}/reply/", {"body": "We will fix the lock."})

    assert "Olu (council staff)" in client.get(f"/sounding-board/discussions/{topic.pk}/").content.decode()


def test_officer_topics_open_straight_away(officer):
    topic = topic_start(title="Lighting", body="Tell us about lighting", officer=officer)

    assert topic.status == Topic.Status.OPEN


def test_the_house_rules_page_is_there(client):
    page = client.get("/sounding-board/discussions/house-rules/").content.decode()

    assert "House rules for discussions" in page and "Be respectful" in page


def test_the_discussion_list_makes_the_same_queries_for_5_or_50_topics(client, django_assert_max_num_queries, resident):
    def add(count):
        for _ in range(count):
            post_reply(topic=TopicFactory(), body="Reply", resident=resident)

    add(5)
    with django_assert_max_num_queries(6) as small:
        client.get("/sounding-board/discussions/")
    add(45)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/sounding-board/discussions/")
    topic = Topic.objects.first()
    for _ in range(5):
        post_reply(topic=topic, body="More", resident=resident)
    with django_assert_max_num_queries(6) as few:
        client.get(f"/sounding-board/discussions/{topic.pk}/")
    for _ in range(40):
        post_reply(topic=topic, body="More", resident=resident)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(f"/sounding-board/discussions/{topic.pk}/")
