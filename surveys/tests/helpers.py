"""Answering a survey through its pages, as a resident would, with the test client."""

from surveys.models import Question, Response


def field_data(question: Question, answer) -> dict:
    """Form data for one question: a choice label, a list of labels, ranked labels, or text."""
    name = f"q{question.pk}"
    choices = {choice.label: choice.pk for choice in question.choices.all()}
    if question.kind == Question.Kind.RANKING:
        return {f"{name}_c{choices[label]}": place for place, label in enumerate(answer, start=1)}
    if question.kind == Question.Kind.TEXT:
        return {name: answer}
    if question.kind == Question.Kind.MULTIPLE:
        labels = [label for label in answer if label in choices]
        data = {name: [choices[label] for label in labels]}
        other = [label for label in answer if label not in choices]
        if other:
            data[name].append(choices["Other"])
            data[f"{name}_other"] = other[0]
        return data
    if answer in choices:
        return {name: choices[answer]}
    return {name: choices["Other"], f"{name}_other": answer}


def answer_page(client, token: str, number: int, answers: dict[Question, object], **extra):
    data = {}
    for question, answer in answers.items():
        data.update(field_data(question, answer))
    return client.post(f"/sounding-board/s/{token}/page/{number}/", {**data, **extra})


def answer_everything(client, response: Response | str, answers: dict[Question, object]):
    """Go page by page, following where each Continue leads, then send from check your answers."""
    token = response if isinstance(response, str) else response.token
    location = client.get(f"/sounding-board/s/{token}/").context["continue_url"]
    by_page = {}
    while "/page/" in location:
        number = int(location.rstrip("/").rsplit("/", 1)[1])
        page = client.get(location)
        assert page.status_code == 200, (location, page.status_code, page.get("Location"))
        on_page = {
            q: a for q, a in answers.items() if q.pk in {question.pk for question in page.context["page"].questions}
        }
        result = answer_page(client, token, number, on_page)
        assert result.status_code == 302, result.context["form"].errors if result.context else result
        by_page[number] = on_page
        location = result["Location"]
    assert location.endswith("/check-your-answers/"), location
    sent = client.post(location)
    assert sent.status_code == 302 and sent["Location"].endswith("/thank-you/"), sent
    return sent
