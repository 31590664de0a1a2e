from science4peace.lib.markup import render


def test_math_becomes_mathml_and_markdown_html():
    html = render("Energy $E=mc^2$, **bold**\n\n$$\\frac{a}{b}$$")
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline">' in html
    assert "<msup><mi>c</mi><mn>2</mn></msup>" in html
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">' in html
    assert "<mfrac>" in html
    assert "<strong>bold</strong>" in html


def test_scripts_and_javascript_links_never_survive():
    html = render(
        '<script>alert(1)</script> [x](javascript:alert(1)) <img src="https://cdn.example/x.png">'
    )
    assert "<script" not in html
    assert "href=" not in html  # markdown-it refuses the javascript: link
    assert "<img" not in html


def test_a_malformed_formula_is_shown_as_its_source():
    assert '<code class="math-error">\\frac{</code>' in render("$\\frac{$")
