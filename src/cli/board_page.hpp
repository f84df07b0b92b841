// The page `participa serve` gives a browser for one board: it joins with a name, shows the
// board as the server's JSON gives it to this reader, sends each action as one request, and
// reloads the board whenever the change feed (server-sent events) says something happened.
// Everything it shows comes from the server's answers, written as text, never as markup.
#pragma once

#include <string>

namespace participa::cli {

std::string board_page(const std::string& component, const std::string& board);

}  // namespace participa::cli
